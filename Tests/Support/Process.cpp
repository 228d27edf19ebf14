#include "Support/Process.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace loopstage::test
{
ProcessResult run (const std::vector<std::string>& argv)
{
    int outPipe[2], errPipe[2];
    if (::pipe (outPipe) != 0 || ::pipe (errPipe) != 0)
        throw std::runtime_error ("pipe failed");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_addopen (&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2 (&actions, outPipe[1], 1);
    posix_spawn_file_actions_adddup2 (&actions, errPipe[1], 2);
    posix_spawn_file_actions_addclose (&actions, outPipe[0]);
    posix_spawn_file_actions_addclose (&actions, errPipe[0]);

    std::vector<char*> cargs;
    for (auto& a : argv)
        cargs.push_back (const_cast<char*> (a.c_str()));
    cargs.push_back (nullptr);

    pid_t pid = 0;
    const int spawned = posix_spawnp (&pid, cargs[0], &actions, nullptr, cargs.data(), environ);
    posix_spawn_file_actions_destroy (&actions);
    ::close (outPipe[1]);
    ::close (errPipe[1]);

    ProcessResult result;
    if (spawned != 0)
    {
        ::close (outPipe[0]);
        ::close (errPipe[0]);
        result.err = "cannot start " + argv[0];
        return result;
    }

    // Drain both pipes together so a chatty child never blocks on a full pipe.
    pollfd fds[2] = { { outPipe[0], POLLIN, 0 }, { errPipe[0], POLLIN, 0 } };
    std::string* sinks[2] = { &result.out, &result.err };
    int open = 2;
    char buffer[65536];
    while (open > 0)
    {
        if (::poll (fds, 2, -1) < 0)
            break;
        for (int i = 0; i < 2; ++i)
        {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            const auto n = ::read (fds[i].fd, buffer, sizeof (buffer));
            if (n > 0)
                sinks[i]->append (buffer, (size_t) n);
            else
            {
                ::close (fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }

    int status = 0;
    ::waitpid (pid, &status, 0);
    result.exitCode = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
    return result;
}

std::string runOrFail (const std::vector<std::string>& argv)
{
    auto r = run (argv);
    INFO (argv[0] << " stderr: " << r.err);
    REQUIRE (r.exitCode == 0);
    return r.out;
}

std::filesystem::path loopstageBinary()
{
    return std::filesystem::path (LOOPSTAGE_TEST_BIN) / "loopstage";
}

ProcessResult runLoopstage (const std::vector<std::string>& args)
{
    std::vector<std::string> argv { loopstageBinary().string() };
    argv.insert (argv.end(), args.begin(), args.end());
    return run (argv);
}

std::filesystem::path sourceDir()
{
    return LOOPSTAGE_TEST_SOURCE;
}
} // namespace loopstage::test
