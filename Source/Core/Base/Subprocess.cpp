#include "Base/Subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace loopstage
{
SubprocessResult runSubprocess (const std::vector<std::string>& argv, bool passThroughStderr)
{
    int outPipe[2], errPipe[2];
    // Close-on-exec, so the pipes never leak into the child beyond the dup2 onto 1 and 2.
    if (::pipe2 (outPipe, O_CLOEXEC) != 0 || ::pipe2 (errPipe, O_CLOEXEC) != 0)
        throw std::runtime_error ("pipe failed");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_addopen (&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2 (&actions, outPipe[1], 1);
    if (! passThroughStderr)
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

    SubprocessResult result;
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
} // namespace loopstage
