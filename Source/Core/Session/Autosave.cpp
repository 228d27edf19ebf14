#include "Session/Autosave.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Session/SessionFile.h"
#include "Session/SessionJson.h"

namespace loopstage::session
{
std::filesystem::path autosavePathFor (const std::filesystem::path& sessionFile)
{
    auto p = sessionFile;
    p += ".autosave";
    return p;
}

Recovered openWithRecovery (const std::filesystem::path& file)
{
    const auto autosave = autosavePathFor (file);
    std::error_code ec;
    Session fromFile;
    try
    {
        fromFile = loadSession (file);
    }
    catch (const InputError& e)
    {
        if (std::filesystem::exists (autosave, ec))
            throw InputError (std::string (e.what()) + " (an autosave exists: " + autosave.string() + ")");
        throw;
    }

    Recovered result { SessionDocument (fromFile, file), false };
    if (! std::filesystem::exists (autosave, ec))
        return result;
    const auto savedTime = std::filesystem::last_write_time (file, ec);
    const auto autosaveTime = std::filesystem::last_write_time (autosave, ec);
    if (ec || autosaveTime <= savedTime)
        return result;
    try
    {
        auto recovered = fromJson (Json::parse (readWholeFile (autosave)), autosave.string(),
                                   std::filesystem::absolute (file).parent_path());
        if (recovered == fromFile)
        {
            std::filesystem::remove (autosave, ec);
            return result;
        }
        // As an edit, so "undo" goes back to the last saved state.
        result.document.apply ({ "Recover autosave", [recovered] (Session& s) { s = recovered; } });
        result.fromAutosave = true;
    }
    catch (const std::exception&)
    {
        // A damaged autosave is not trusted; the saved session opens as it is.
    }
    return result;
}

Autosave::Autosave (SessionDocument& doc, std::chrono::milliseconds interval_, int everyEdits_)
    : document (doc), interval (interval_), everyEdits (std::max (1, everyEdits_))
{
    listenerHandle = document.addListener ([this] (const Session& session)
    {
        if (document.file().empty())
            return;   // nowhere to put it until the session has a name
        auto snapshot = std::make_shared<const Session> (session);
        std::lock_guard<std::mutex> l (lock);
        if (! pending)
            firstPending = std::chrono::steady_clock::now();
        pending = std::move (snapshot);
        target = autosavePathFor (document.file());
        ++pendingEdits;
        wake.notify_all();   // the worker sleeps until there is something; it then keeps the timer itself
    });
    worker = std::thread ([this] { run(); });
}

Autosave::~Autosave()
{
    document.removeListener (listenerHandle);
    {
        std::lock_guard<std::mutex> l (lock);
        stopping = true;
    }
    wake.notify_all();
    worker.join();
}

void Autosave::run()
{
    std::unique_lock<std::mutex> l (lock);
    for (;;)
    {
        if (! pending)
        {
            if (stopping)
                return;
            idle.notify_all();
            wake.wait (l, [this] { return stopping || pending != nullptr; });
            continue;
        }
        wake.wait_until (l, firstPending + interval,
                         [this] { return stopping || flushing || pendingEdits >= everyEdits || ! pending; });
        if (! pending)
            continue;
        auto snapshot = std::move (pending);
        auto file = target;
        pending.reset();
        pendingEdits = 0;
        writing = true;
        l.unlock();
        std::string failure;
        try
        {
            writeSessionAtomically (*snapshot, file, std::filesystem::absolute (file).parent_path());
        }
        catch (const std::exception& e)
        {
            failure = e.what();
        }
        l.lock();
        writing = false;
        error = failure;
        if (failure.empty())
            ++writeCount;
        idle.notify_all();
    }
}

void Autosave::flush()
{
    std::unique_lock<std::mutex> l (lock);
    flushing = true;
    wake.notify_all();
    idle.wait (l, [this] { return ! pending && ! writing; });
    flushing = false;
}

void Autosave::discardPending()
{
    std::lock_guard<std::mutex> l (lock);
    pending.reset();
    pendingEdits = 0;
    idle.notify_all();
}

int Autosave::writes() const
{
    std::lock_guard<std::mutex> l (lock);
    return writeCount;
}

std::string Autosave::lastError() const
{
    std::lock_guard<std::mutex> l (lock);
    return error;
}
} // namespace loopstage::session
