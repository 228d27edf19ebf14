#include "Session/SessionDocument.h"
#include "Base/Error.h"
#include "Session/Autosave.h"
#include "Session/SessionFile.h"
#include "Session/SessionJson.h"
#include "Session/Validate.h"

#include <cstdio>

namespace loopstage::session
{
namespace
{
    /** FNV-1a: a stable fingerprint of a session's text, to tie a history file to it. */
    std::string fingerprint (const std::string& text)
    {
        std::uint64_t h = 14695981039346656037ull;
        for (unsigned char c : text)
            h = (h ^ c) * 1099511628211ull;
        char buffer[17];
        std::snprintf (buffer, sizeof (buffer), "%016llx", (unsigned long long) h);
        return buffer;
    }

    std::filesystem::path folderOf (const std::filesystem::path& file)
    {
        return file.empty() ? std::filesystem::path() : std::filesystem::absolute (file).parent_path();
    }
} // namespace

SessionDocument::SessionDocument (Session initial, std::filesystem::path file)
    : current (std::move (initial)), path (std::move (file)), saved (current)
{
}

SessionDocument SessionDocument::open (const std::filesystem::path& file)
{
    return SessionDocument (loadSession (file), file);
}

void SessionDocument::apply (const Change& change)
{
    Session next = current;
    change.apply (next);
    validate (next);
    undoStack.push_back ({ change.label, std::move (current) });
    if (undoStack.size() > historyLimit)
        undoStack.erase (undoStack.begin());
    redoStack.clear();
    current = std::move (next);
    changed();
}

std::string SessionDocument::undoLabel() const
{
    return undoStack.empty() ? std::string() : undoStack.back().label;
}

std::string SessionDocument::redoLabel() const
{
    return redoStack.empty() ? std::string() : redoStack.back().label;
}

bool SessionDocument::undo()
{
    if (undoStack.empty())
        return false;
    auto step = std::move (undoStack.back());
    undoStack.pop_back();
    redoStack.push_back ({ step.label, std::move (current) });
    current = std::move (step.session);
    changed();
    return true;
}

bool SessionDocument::redo()
{
    if (redoStack.empty())
        return false;
    auto step = std::move (redoStack.back());
    redoStack.pop_back();
    undoStack.push_back ({ step.label, std::move (current) });
    current = std::move (step.session);
    changed();
    return true;
}

void SessionDocument::save()
{
    if (path.empty())
        throw InputError ("the session has no file yet: save it under a name first");
    saveSession (current, path);
    saved = current;
    std::error_code ec;
    std::filesystem::remove (autosavePathFor (path), ec);
}

void SessionDocument::saveAs (const std::filesystem::path& newFile)
{
    saveSession (current, newFile);
    path = newFile;
    saved = current;
    std::error_code ec;
    std::filesystem::remove (autosavePathFor (path), ec);
}

int SessionDocument::addListener (Listener listener)
{
    listeners.emplace_back (nextListener, std::move (listener));
    return nextListener++;
}

void SessionDocument::removeListener (int handle)
{
    std::erase_if (listeners, [handle] (auto& l) { return l.first == handle; });
}

void SessionDocument::changed()
{
    ++changeCount;
    for (auto& [_, listener] : listeners)
        listener (current);
}

Json SessionDocument::historyToJson (std::size_t maxSteps, std::size_t maxBytes) const
{
    const auto base = folderOf (path);
    std::size_t bytes = 0;
    auto steps = [&] (const std::vector<Step>& stack)
    {
        // Newest first, so a budget cut drops the oldest steps.
        std::vector<Json> kept;
        for (auto it = stack.rbegin(); it != stack.rend() && kept.size() < maxSteps; ++it)
        {
            auto snapshot = toJson (it->session, base);
            bytes += snapshot.dump().size();
            if (bytes > maxBytes && ! kept.empty())
                break;
            kept.push_back ({ { "label", it->label }, { "session", std::move (snapshot) } });
        }
        Json list = Json::array();
        for (auto it = kept.rbegin(); it != kept.rend(); ++it)
            list.push_back (std::move (*it));
        return list;
    };
    auto redo = steps (redoStack);
    auto undo = steps (undoStack);
    return { { "format", "loopstage-session-history" },
             { "schema_version", schemaVersion },
             { "session_fingerprint", fingerprint (toJson (current, base).dump()) },
             { "undo", std::move (undo) },
             { "redo", std::move (redo) } };
}

bool SessionDocument::restoreHistory (const Json& history)
{
    const auto base = folderOf (path);
    try
    {
        if (! history.is_object() || history.value ("format", std::string()) != "loopstage-session-history"
            || claimedVersion (history) != schemaVersion
            || history.value ("session_fingerprint", std::string()) != fingerprint (toJson (current, base).dump()))
            return false;
        auto read = [&] (const Json& list)
        {
            std::vector<Step> stack;
            for (auto& step : list)
                stack.push_back ({ step.at ("label").get<std::string>(), fromJson (step.at ("session"), "history", base) });
            return stack;
        };
        auto undo = read (history.at ("undo"));
        auto redo = read (history.at ("redo"));
        undoStack = std::move (undo);
        redoStack = std::move (redo);
        return true;
    }
    catch (const std::exception&)
    {
        return false;   // a damaged history only loses undo, never the session
    }
}
} // namespace loopstage::session
