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

namespace loopstage::test
{
class JackServer
{
public:
    /** Starts `jackd -n NAME --no-realtime -d dummy -r rate -p period`. */
    explicit JackServer (int period, int rate = 48000);
    ~JackServer();
    JackServer (const JackServer&) = delete;
    JackServer& operator= (const JackServer&) = delete;

    bool started() const noexcept { return pid > 0; }
    const std::string name;

    /** Retries `attempt` every 100 ms for up to `seconds` until it returns true. */
    static bool waitUntil (const std::function<bool()>& attempt, double seconds = 10.0);

private:
    pid_t pid = -1;
    void removeStaleFiles() const;
};
} // namespace loopstage::test
