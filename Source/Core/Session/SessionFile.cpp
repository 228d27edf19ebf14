#include "Session/SessionFile.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Session/SessionJson.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace loopstage::session
{
namespace
{
    std::function<void (std::size_t)>& chunkHook()
    {
        static std::function<void (std::size_t)> hook;
        return hook;
    }

    Json parseFile (const std::filesystem::path& file)
    {
        const auto text = readWholeFile (file);
        if (text.find_first_not_of (" \t\r\n") == std::string::npos)
            throwFileError (file, "empty file (not a LoopStage session)");
        try
        {
            return Json::parse (text);
        }
        catch (const Json::parse_error& e)
        {
            // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 3, ..."
            std::string what = e.what();
            if (auto p = what.find ("] "); p != std::string::npos)
                what = what.substr (p + 2);
            throwFileError (file, "not valid JSON (" + what + ")");
        }
    }

    std::filesystem::path folderOf (const std::filesystem::path& file)
    {
        return std::filesystem::absolute (file).parent_path();
    }
} // namespace

Session loadSession (const std::filesystem::path& file)
{
    if (std::filesystem::is_directory (file))
        throwFileError (file, "is a folder, not a session file");
    const auto json = parseFile (file);
    return fromJson (json, file.string(), folderOf (file));
}

void saveSession (const Session& session, const std::filesystem::path& file)
{
    std::error_code ec;
    if (std::filesystem::exists (file, ec))
    {
        // Only ever replace a session this build reads cleanly: a newer, damaged or foreign
        // file may be the only copy of someone's work.
        if (std::filesystem::is_directory (file))
            throwFileError (file, "is a folder");
        try
        {
            loadSession (file);
        }
        catch (const InputError& e)
        {
            std::string reason = e.what();
            if (const auto prefix = file.string() + ": "; reason.rfind (prefix, 0) == 0)
                reason = reason.substr (prefix.size());
            throwFileError (file, "the existing file cannot be replaced, it is not a session this build can read ("
                                      + reason + "); it was not overwritten (save under another name)");
        }
    }
    writeSessionAtomically (session, file, folderOf (file));
}

void writeSessionAtomically (const Session& session, const std::filesystem::path& file, const std::filesystem::path& baseFolder)
{
    const auto text = toJson (session, baseFolder).dump (2) + "\n";
    AtomicFile out (file);
    const int fd = ::open (out.tempPath().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throwFileError (file, std::string ("cannot create file: ") + std::strerror (errno));

    constexpr std::size_t chunk = 4096;
    std::size_t done = 0;
    while (done < text.size())
    {
        const auto n = ::write (fd, text.data() + done, std::min (chunk, text.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
        {
            const auto reason = std::string (std::strerror (errno));
            ::close (fd);
            throwFileError (file, "write failed: " + reason);
        }
        done += (std::size_t) n;
        if (chunkHook())
            chunkHook() (done);
    }
    if (::close (fd) != 0)
        throwFileError (file, std::string ("write failed: ") + std::strerror (errno));
    out.commit();
}

void setSaveChunkHookForTesting (std::function<void (std::size_t)> hook)
{
    chunkHook() = std::move (hook);
}
} // namespace loopstage::session
