#include "Transport/Transport.h"
#include "Base/Error.h"
#include "Base/Format.h"
#include "Mix/SessionToPlan.h"

#include <juce_events/juce_events.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace loopstage::transport
{
namespace
{
    device::AudioDeviceOptions deviceOptions (const TransportOptions& options, double sampleRate)
    {
        if (options.device != "jack" && options.device != "alsa")
            throw InputError ("--device is jack or alsa, got '" + options.device + "'");
        device::AudioDeviceOptions d;
        d.type = options.device == "alsa" ? "ALSA" : "JACK";
        d.output = options.output;
        d.sampleRate = sampleRate;
        d.bufferSize = options.bufferSize;
        d.outputs = 2;
        return d;
    }
} // namespace

Transport::Transport (const session::Session& session, const TransportOptions& options) : rate (session.sampleRate)
{
    const auto plan = mix::sessionToPlan (session, &planWarnings);
    length = plan.length;
    const auto d = deviceOptions (options, rate);

    engine::PlayerOptions playerOptions;
    playerOptions.sampleRate = rate;
    playerOptions.maxBlock = 8192;
    engine = std::make_unique<engine::Player> (playerOptions);
    engine->setPlan (plan);
    engine->preroll (0);

    audio = std::make_unique<device::AudioDevice> (d, [p = engine.get()] (float* const* o, int channels, int frames)
                                                   { p->process (o, channels, frames); });
    if (audio->bufferSize() > playerOptions.maxBlock)
        throw InputError ("the device's buffer of " + std::to_string (audio->bufferSize()) + " samples is larger than the engine's "
                          + std::to_string (playerOptions.maxBlock));
}

Transport::~Transport()
{
    if (audio)
        audio->stop();
}

void Transport::locate (std::int64_t sample) { engine->preroll (sample); }

void Transport::play()
{
    engine->play();
    audio->start();
}

void Transport::stop()
{
    engine->stop();
    audio->stop();
}

std::int64_t Transport::position() const noexcept { return engine->position(); }

void Transport::collectGarbage() { engine->collectGarbage(); }

std::vector<std::string> Transport::warnings() const
{
    auto all = planWarnings;
    if (const auto diskError = engine->diskError(); ! diskError.empty())
        all.push_back ("a track fell silent: " + diskError);
    return all;
}

PlaybackReport playSession (const session::Session& session, const TransportOptions& options, double from,
                            std::optional<double> seconds)
{
    juce::ScopedJuceInitialiser_GUI juce;   // the device manager's messages; no window is opened
    const double length = (double) std::llround (session.duration() * session.sampleRate) / session.sampleRate;   // the plan's length
    if (from < 0.0 || from > length)
        throw InputError ("--from must be between 0 and the session's " + fixed (length, 3) + " s");
    const double span = seconds.value_or (length - from);
    if (span <= 0.0)
        throw InputError ("--seconds must be positive");

    Transport transport (session, options);
    const auto start = (std::int64_t) std::llround (from * session.sampleRate);
    transport.locate (start);
    const auto end = start + (std::int64_t) std::llround (span * session.sampleRate);
    const auto began = std::chrono::steady_clock::now();
    transport.play();
    while (transport.position() < end)
    {
        std::this_thread::sleep_for (std::chrono::milliseconds (20));
        transport.collectGarbage();
        const double wall = std::chrono::duration<double> (std::chrono::steady_clock::now() - began).count();
        if (wall > span * 2.0 + 5.0)
            break;   // the device stopped calling back
    }
    transport.stop();

    const auto& device = transport.device();
    PlaybackReport r;
    r.wallSeconds = std::chrono::duration<double> (std::chrono::steady_clock::now() - began).count();
    r.playedSeconds = (double) (transport.position() - start) / session.sampleRate;
    r.deviceType = device.typeName();
    r.deviceName = device.deviceName();
    r.sampleRate = device.sampleRate();
    r.bufferSize = device.bufferSize();
    r.callbacks = device.callbacks();
    r.xruns = device.xruns();
    r.lateCallbacks = device.lateCallbacks();
    r.longestCallbackMicros = device.longestCallbackMicros();
    r.longestCallbackCpuMicros = device.callbackTiming().longestCpuMicros();
    r.overBudgetCallbacks = device.callbackTiming().overBudgetCallbacks();
    r.underruns = transport.player().underruns();
    r.warnings = transport.warnings();
    r.complete = r.playedSeconds + 1.0 / session.sampleRate >= std::min (span, length - from) - 0.05;
    return r;
}
} // namespace loopstage::transport
