#include "Session/SessionHistory.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Session/Autosave.h"
#include "Session/SessionFile.h"
#include "Session/Validate.h"

namespace loopstage::session
{
std::filesystem::path historyPathFor (const std::filesystem::path& sessionFile)
{
    auto p = sessionFile;
    p += ".history";
    return p;
}

SessionDocument openWithHistory (const std::filesystem::path& file)
{
    auto document = SessionDocument::open (file);
    const auto history = historyPathFor (file);
    std::error_code ec;
    if (std::filesystem::exists (history, ec))
    {
        try
        {
            document.restoreHistory (Json::parse (readWholeFile (history)));
        }
        catch (const std::exception&)
        {
            // A damaged history only costs undo; the session itself is fine.
        }
    }
    return document;
}

void saveWithHistory (SessionDocument& document)
{
    document.save();
    writeFileAtomically (historyPathFor (document.file()), document.historyToJson().dump() + "\n");
}

void commit (SessionDocument& document, const Change& change)
{
    try
    {
        document.apply (change);
    }
    catch (const InputError& e)
    {
        throwFileError (document.file(), e.what());
    }
    saveWithHistory (document);
}

namespace
{
    void step (SessionDocument& document, bool isUndo)
    {
        if (! (isUndo ? document.undo() : document.redo()))
            throwFileError (document.file(), std::string ("nothing to ") + (isUndo ? "undo" : "redo") + " (the history is kept in "
                                                  + historyPathFor (document.file()).filename().string() + ")");
        saveWithHistory (document);
    }
} // namespace

void undoAndSave (SessionDocument& document) { step (document, true); }
void redoAndSave (SessionDocument& document) { step (document, false); }

void createSessionFile (const Session& session, const std::filesystem::path& file, bool replace)
{
    std::error_code ec;
    if (std::filesystem::exists (file, ec) && ! replace)
        throwFileError (file, "already exists (use --force to replace it)");
    try
    {
        validate (session);
    }
    catch (const InputError& e)
    {
        throwFileError (file, e.what());
    }
    saveSession (session, file);   // refuses to replace a corrupt or newer file even so
    std::filesystem::remove (historyPathFor (file), ec);
    std::filesystem::remove (autosavePathFor (file), ec);
}
} // namespace loopstage::session
