#pragma once
/** Autosave: a background (never audio) thread that writes `<session file>.autosave` beside the
    session every `interval` while there are unsaved edits, or as soon as `everyEdits` edits have
    piled up. The document hands it snapshots through a listener; the thread only serialises and
    writes, so the message thread never waits on the disk.

    On open, openWithRecovery() prefers an autosave that is newer than the session file and
    reads cleanly (a broken autosave is ignored, never trusted).
*/
#include "Session/SessionDocument.h"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace loopstage::session
{
/** `demo.lsession` → `demo.lsession.autosave`. */
std::filesystem::path autosavePathFor (const std::filesystem::path& sessionFile);

struct Recovered
{
    SessionDocument document;
    bool fromAutosave = false;   ///< the autosave was newer and was loaded (document is dirty)
};

/** Opens `file`, or its autosave when that is newer and valid. The document's file() is the
    session file either way, so the next save replaces it and removes the autosave. */
Recovered openWithRecovery (const std::filesystem::path& file);

class Autosave
{
public:
    Autosave (SessionDocument& document, std::chrono::milliseconds interval = std::chrono::seconds (60),
              int everyEdits = 20);
    ~Autosave();   ///< stops the thread (writing what is pending)
    Autosave (const Autosave&) = delete;
    Autosave& operator= (const Autosave&) = delete;

    /** Blocks until everything pending is written (tests, and before quitting). */
    void flush();

    /** Forgets edits not yet written: call after the document was saved (the saved file is
        newer than anything pending). */
    void discardPending();

    /** Number of autosave files written so far. */
    int writes() const;

    /** The last error (a full disk...) or empty; autosave never throws at the editor. */
    std::string lastError() const;

private:
    SessionDocument& document;
    std::chrono::milliseconds interval;
    int everyEdits;
    int listenerHandle = 0;

    mutable std::mutex lock;
    std::condition_variable wake, idle;
    std::shared_ptr<const Session> pending;
    std::filesystem::path target;
    int pendingEdits = 0;
    std::chrono::steady_clock::time_point firstPending;
    bool stopping = false, writing = false, flushing = false;
    int writeCount = 0;
    std::string error;
    std::thread worker;

    void run();
};
} // namespace loopstage::session
