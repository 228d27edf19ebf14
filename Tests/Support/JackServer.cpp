#include "Support/JackServer.h"

#include <chrono>
#include <fcntl.h>
#include <fstream>
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
    logPath = (std::filesystem::temp_directory_path() / (name + ".log")).string();
    std::vector<std::string> args { "jackd", "-n", name, "-R", "-d", "dummy", "-r", std::to_string (rate),
                                    "-p", std::to_string (period), "-C", "0", "-P", "2" };
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back (a.data());
    argv.push_back (nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_addopen (&actions, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2 (&actions, 1, 2);
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

JackServer::XrunReport JackServer::xrunReport (const std::string& client) const
{
    XrunReport report;
    std::ifstream log (logPath);
    const auto ours = "client = " + client + " was not finished";
    for (std::string line; std::getline (log, line);)
    {
        if (line.find ("XRun") == std::string::npos && line.find ("not finished") == std::string::npos)
            continue;
        if (line.find ("JackTimedDriver::Process XRun") != std::string::npos)
            ++report.serverLate;
        else if (line.find (ours) != std::string::npos && line.find ("state = Triggered") != std::string::npos)
            ++report.clientNotWoken;
        else if (line.find (ours) != std::string::npos)
            ++report.clientRunning;
        else
        {
            ++report.other;
            report.otherLines.push_back (line);
        }
        report.lines.push_back (line);
    }
    return report;
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
    if (pid > 0)
        std::filesystem::remove (logPath, ec);
    for (auto& entry : std::filesystem::directory_iterator ("/dev/shm", ec))
        if (entry.path().filename().string().find (name) != std::string::npos)
            std::filesystem::remove_all (entry.path(), ec);
}
} // namespace loopstage::test
