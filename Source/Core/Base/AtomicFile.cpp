#include "Base/AtomicFile.h"
#include "Base/Error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace loopstage
{
namespace
{
    std::filesystem::path makeTempName (const std::filesystem::path& target)
    {
        static std::atomic<unsigned> counter { 0 };
        auto name = "." + target.filename().string() + ".part-" + std::to_string (::getpid()) + "-"
                    + std::to_string (counter++);
        return target.parent_path() / name;
    }

    void fsyncPath (const std::filesystem::path& p, int flags)
    {
        const int fd = ::open (p.c_str(), flags);
        if (fd < 0)
            return;
        ::fsync (fd);
        ::close (fd);
    }
} // namespace

AtomicFile::AtomicFile (std::filesystem::path t)
    : target (std::move (t)), temp (makeTempName (target))
{
}

AtomicFile::~AtomicFile()
{
    if (! committed)
    {
        std::error_code ec;
        std::filesystem::remove (temp, ec);
    }
}

void AtomicFile::commit()
{
    if (! std::filesystem::exists (temp))
        throwFileError (target, "nothing was written");

    const int fd = ::open (temp.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync (fd) != 0)
    {
        const auto reason = std::string (std::strerror (errno));
        if (fd >= 0)
            ::close (fd);
        throwFileError (target, "cannot flush to disk: " + reason);
    }
    ::close (fd);

    if (::rename (temp.c_str(), target.c_str()) != 0)
        throwFileError (target, std::string ("cannot replace file: ") + std::strerror (errno));

    committed = true;
    const auto dir = target.parent_path().empty() ? std::filesystem::path (".") : target.parent_path();
    fsyncPath (dir, O_RDONLY | O_DIRECTORY);
}

void writeFileAtomically (const std::filesystem::path& target, std::string_view text)
{
    AtomicFile out (target);
    {
        std::ofstream stream (out.tempPath(), std::ios::binary | std::ios::trunc);
        if (! stream)
            throwFileError (target, std::string ("cannot create file: ") + std::strerror (errno));
        stream.write (text.data(), (std::streamsize) text.size());
        stream.flush();
        if (! stream)
            throwFileError (target, "write failed (disk full?)");
    }
    out.commit();
}

std::string readWholeFile (const std::filesystem::path& file)
{
    std::ifstream stream (file, std::ios::binary);
    if (! stream)
        throwFileError (file, std::filesystem::exists (file) ? "cannot be read" : "no such file");
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}
} // namespace loopstage
