#pragma once
/** A real JACK server for a test: jackd with the dummy backend (no sound card needed) under a
    name unique to this process, so parallel test binaries never share one. Stopped by PID.

    Clients reach it by `name` (jack_client_open's server name, or JACK_DEFAULT_SERVER for
    clients such as JUCE's that always open the default server). Connecting may need a few
    attempts while jackd starts: see waitUntil().
*/
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace loopstage::test
{
class JackServer
{
public:
    /** Starts `jackd -n NAME -R -d dummy -r rate -p period` (real-time scheduling, as a stage
        machine runs it; jackd carries on without it where the system refuses). Its output goes
        to a log read by xrunReport(). */
    explicit JackServer (int period, int rate = 48000);
    ~JackServer();
    JackServer (const JackServer&) = delete;
    JackServer& operator= (const JackServer&) = delete;

    bool started() const noexcept { return pid > 0; }
    const std::string name;

    /** The server's own account of its xruns, from its log, by cause. jackd reports an xrun to
        every client for each of these, so a client's xrun count cannot tell them apart. */
    struct XrunReport
    {
        /** The server's period timer woke a whole period late: nothing ran, the machine stalled
            jackd (JackTimedDriver "Process XRun"). */
        int serverLate = 0;
        /** `client` had been signalled but not yet scheduled when the next period began. */
        int clientNotWoken = 0;
        /** `client` was still running its process callback when the next period began: the
            client's own deadline miss. */
        int clientRunning = 0;
        /** Anything else jackd called an xrun (other clients, graph not finished). */
        int other = 0;
        std::vector<std::string> lines;
        std::vector<std::string> otherLines;   ///< the `other` ones, to show what they were
        int total() const noexcept { return serverLate + clientNotWoken + clientRunning + other; }
    };
    XrunReport xrunReport (const std::string& client) const;

    /** Retries `attempt` every 100 ms for up to `seconds` until it returns true. */
    static bool waitUntil (const std::function<bool()>& attempt, double seconds = 10.0);

private:
    pid_t pid = -1;
    std::string logPath;
    void removeStaleFiles() const;
};
} // namespace loopstage::test
