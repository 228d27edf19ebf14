#include "Support/JackServer.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace loopstage::test
{
JackServer::JackServer (int period, int rate) : name ("loopstage-test-" + std::to_string (::getpid()))
{
    removeStaleFiles();
    std::vector<std::string> args { "jackd", "-n", name, "--no-realtime", "-d", "dummy", "-r", std::to_string (rate),
                                    "-p", std::to_string (period), "-C", "0", "-P", "2" };
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back (a.data());
    argv.push_back (nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", 0x1 /* O_WRONLY */, 0);
    posix_spawn_file_actions_addopen (&actions, 2, "/dev/null", 0x1, 0);
    const int rc = posix_spawnp (&pid, "jackd", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy (&actions);
    if (rc != 0)
        pid = -1;
}

JackServer::~JackServer()
{
    if (pid <= 0)
        return;
    ::kill (pid, SIGTERM);
    for (int i = 0; i < 50; ++i)
    {
        if (::waitpid (pid, nullptr, WNOHANG) == pid)
        {
            removeStaleFiles();
            return;
        }
        std::this_thread::sleep_for (std::chrono::milliseconds (100));
    }
    ::kill (pid, SIGKILL);   // jackd2 1.9.21 may ignore SIGTERM once its clients are gone
    ::waitpid (pid, nullptr, 0);
    removeStaleFiles();
}

bool JackServer::waitUntil (const std::function<bool()>& attempt, double seconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double> (seconds);
    for (;;)
    {
        if (attempt())
            return true;
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for (std::chrono::milliseconds (100));
    }
}

void JackServer::removeStaleFiles() const
{
    std::error_code ec;
    for (auto& entry : std::filesystem::directory_iterator ("/dev/shm", ec))
        if (entry.path().filename().string().find (name) != std::string::npos)
            std::filesystem::remove_all (entry.path(), ec);
}
} // namespace loopstage::test
