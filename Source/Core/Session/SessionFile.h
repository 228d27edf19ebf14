#pragma once
/** Loading and saving .lsession files.

    Saves are atomic (temp beside the file, fsync, rename: Base/AtomicFile): a crash mid-save
    leaves the previous file intact. A file this build cannot read (corrupt, or a newer schema
    version) is never overwritten: saving over it throws InputError instead.
*/
#include "Session/Session.h"

#include <filesystem>
#include <functional>

namespace loopstage::session
{
/** Reads and validates a session; InputError "<file>: <problem>" when missing, not JSON,
    invalid, or made by a newer LoopStage. */
Session loadSession (const std::filesystem::path& file);

/** Writes `session` to `file` atomically. Refuses (InputError) to replace an existing file that
    is not a session this build can read. */
void saveSession (const Session& session, const std::filesystem::path& file);

/** Writes to `file` without the replace check (autosave files, which are ours by name). */
void writeSessionAtomically (const Session& session, const std::filesystem::path& file,
                             const std::filesystem::path& baseFolder);

/** Test hook: called after each chunk of a save is written to the temporary file, with the
    bytes written so far (the crash test kills the process here). Not thread-safe to set. */
void setSaveChunkHookForTesting (std::function<void (std::size_t)> hook);
} // namespace loopstage::session
