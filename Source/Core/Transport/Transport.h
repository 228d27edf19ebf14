#pragma once
/** The transport: a session's mix playing through an audio device, as the app's transport bar
    and `loopstage play` drive it. Owns the engine's Player (session → plan: Mix/SessionToPlan)
    and the device (JACK or ALSA through JUCE: Device/AudioDevice), so neither face wires them.

    Thread: construct, locate, play and stop from one (message/main) thread; the device calls the
    player on the audio thread. A JUCE message manager must exist (the app has one; playSession()
    makes one for the command line).
*/
#include "Device/AudioDevice.h"
#include "Engine/Player.h"
#include "Session/Session.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loopstage::transport
{
struct TransportOptions
{
    std::string device = "jack";   ///< "jack" or "alsa"
    std::string output;            ///< the device's output name; empty: the first
    int bufferSize = 0;            ///< 0: the device's own (JACK: the server's)
};

class Transport
{
public:
    /** Opens the device at the session's rate with the session's mix loaded, stopped at 0.
        InputError for an unknown device kind, a device that cannot be opened, a buffer larger
        than the engine takes, or a session that does not make a plan. */
    Transport (const session::Session& session, const TransportOptions& options);
    ~Transport();

    /** Moves the playhead to `sample` on the timeline (stopped: read ahead before returning). */
    void locate (std::int64_t sample);
    void play();
    void stop();
    std::int64_t position() const noexcept;
    /** Frees finished engine snapshots; call now and then (every ~20 ms) from the same thread. */
    void collectGarbage();

    std::int64_t lengthSamples() const noexcept { return length; }
    double sampleRate() const noexcept { return rate; }
    const device::AudioDevice& device() const noexcept { return *audio; }
    const engine::Player& player() const noexcept { return *engine; }
    /** Plug-ins that could not be loaded (bypassed), tracks that fell silent on a disk error. */
    std::vector<std::string> warnings() const;

private:
    double rate = 48000.0;
    std::int64_t length = 0;
    std::vector<std::string> planWarnings;
    std::unique_ptr<engine::Player> engine;
    std::unique_ptr<device::AudioDevice> audio;
};

/** What `loopstage play` reports. */
struct PlaybackReport
{
    std::string deviceType, deviceName;
    double sampleRate = 0.0;
    int bufferSize = 0;
    double playedSeconds = 0.0, wallSeconds = 0.0;
    std::uint64_t callbacks = 0, lateCallbacks = 0, overBudgetCallbacks = 0, underruns = 0;
    int xruns = 0;
    double longestCallbackMicros = 0.0, longestCallbackCpuMicros = 0.0;
    std::vector<std::string> warnings;
    bool complete = false;   ///< played the whole span asked for
};

/** Plays `seconds` (empty: to the end) of the session from `fromSeconds`, blocking until done
    or until the device stops calling back. InputError for a span outside the session. */
PlaybackReport playSession (const session::Session& session, const TransportOptions& options, double fromSeconds,
                            std::optional<double> seconds);
} // namespace loopstage::transport
