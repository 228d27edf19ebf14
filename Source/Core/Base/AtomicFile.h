#pragma once
/** Writes a file so that readers only ever see the old file or the complete new one.

    The content goes to a hidden temporary beside the target (same filesystem, so rename is
    atomic), is fsync'd, then renamed over the target and the directory is fsync'd. If the
    writer is destroyed without commit() (an exception, a full disk, a cancelled render) the
    temporary is removed: an interrupted write never leaves a half file under the real name.

    @code
    AtomicFile out (path);
    writeWav (out.tempPath(), ...);   // any writer that takes a path
    out.commit();
    @endcode
*/
#include <filesystem>
#include <string_view>

namespace loopstage
{
class AtomicFile
{
public:
    explicit AtomicFile (std::filesystem::path target);
    ~AtomicFile();
    AtomicFile (const AtomicFile&) = delete;
    AtomicFile& operator= (const AtomicFile&) = delete;

    /** Where to write; beside the target, removed unless commit() succeeds. */
    const std::filesystem::path& tempPath() const noexcept { return temp; }
    const std::filesystem::path& targetPath() const noexcept { return target; }

    /** fsyncs the temporary, renames it over the target and fsyncs the folder.
        Throws InputError naming the target when the disk refuses. */
    void commit();

private:
    std::filesystem::path target, temp;
    bool committed = false;
};

/** Replaces `target` with `text` atomically (see AtomicFile). */
void writeFileAtomically (const std::filesystem::path& target, std::string_view text);

/** Reads a whole file; throws InputError naming it when it cannot be read. */
std::string readWholeFile (const std::filesystem::path& file);
} // namespace loopstage
