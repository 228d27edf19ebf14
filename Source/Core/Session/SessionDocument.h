#pragma once
/** An open session: the current Session, its file, and the undo/redo history.

    The GUI and the CLI edit only through apply(Change); undo() and redo() step through the
    history (up to historyLimit steps). Listeners hear every change (apply, undo, redo) on the
    calling thread; the document itself is not thread-safe: use it from one (message) thread and
    hand snapshots (session() copies) to others, as Autosave does.
*/
#include "Base/Json.h"
#include "Session/Change.h"

#include <filesystem>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace loopstage::session
{
class SessionDocument
{
public:
    explicit SessionDocument (Session initial = Session::withDefaultStems(), std::filesystem::path file = {});

    /** Loads `file` (SessionFile::loadSession): InputError when missing, corrupt or newer. */
    static SessionDocument open (const std::filesystem::path& file);

    const Session& session() const noexcept { return current; }
    const std::filesystem::path& file() const noexcept { return path; }

    /** Applies a change as one undo step; throws InputError (leaving everything unchanged)
        when the change refuses or its result fails validate(). Clears the redo list. */
    void apply (const Change& change);

    bool canUndo() const noexcept { return ! undoStack.empty(); }
    bool canRedo() const noexcept { return ! redoStack.empty(); }
    std::string undoLabel() const;   ///< label of the edit undo() reverts, or empty
    std::string redoLabel() const;
    /** Returns false when there is nothing to undo/redo. */
    bool undo();
    bool redo();

    /** True when the session differs from what was last loaded or saved. */
    bool isDirty() const { return current != saved; }
    /** Counts every apply/undo/redo since opening (autosave uses it to count edits). */
    std::uint64_t changes() const noexcept { return changeCount; }

    /** Saves atomically to file() / to `newFile` (which becomes file()); removes a stale
        autosave beside it. */
    void save();
    void saveAs (const std::filesystem::path& newFile);

    using Listener = std::function<void (const Session&)>;
    /** Called after every change; returns a handle for removeListener. */
    int addListener (Listener listener);
    void removeListener (int handle);

    std::size_t historyLimit = 200;

    /** The history as JSON (labels and session snapshots), so the CLI can keep undo across
        runs in a sidecar file; restoreHistory accepts it only if it was made for the current
        session content, else it is ignored and false is returned. The newest steps are kept,
        up to `maxSteps` each way and about `maxBytes` of snapshots in all. */
    Json historyToJson (std::size_t maxSteps = 50, std::size_t maxBytes = 16u << 20) const;
    bool restoreHistory (const Json& history);

private:
    struct Step
    {
        std::string label;
        Session session;   ///< the state to return to
    };
    Session current;
    std::filesystem::path path;
    std::vector<Step> undoStack, redoStack;
    Session saved;   ///< as last loaded or saved, for isDirty()
    std::uint64_t changeCount = 0;
    std::vector<std::pair<int, Listener>> listeners;
    int nextListener = 1;

    void changed();
};
} // namespace loopstage::session
