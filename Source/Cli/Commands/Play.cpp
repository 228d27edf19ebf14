// loopstage play: a session through the mix engine to a real audio device (JUCE's device
// manager: JACK or ALSA), for a stage check of the playback chain from a script.
#include "CommandTable.h"
#include "Base/Error.h"
#include "Device/AudioDevice.h"
#include "Engine/Player.h"
#include "Mix/SessionToPlan.h"
#include "Session/SessionFile.h"

#include <juce_events/juce_events.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace loopstage::cli
{
namespace
{
    int runPlay (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const std::filesystem::path file = args.positional (0, "SESSION");
        const auto session = session::loadSession (file);
        std::vector<std::string> warnings;
        const auto plan = mix::sessionToPlan (session, &warnings);

        const double from = args.number ("from").value_or (0.0);
        const double length = (double) plan.length / session.sampleRate;
        if (from < 0.0 || from > length)
            throw InputError ("--from must be between 0 and the session's " + fixed (length, 3) + " s");
        const double seconds = args.number ("seconds").value_or (length - from);
        if (seconds <= 0.0)
            throw InputError ("--seconds must be positive");

        juce::ScopedJuceInitialiser_GUI juce;   // the device manager's messages; no window is opened
        device::AudioDeviceOptions options;
        options.type = args.value ("device").value_or ("jack") == "alsa" ? "ALSA" : "JACK";
        if (auto d = args.value ("device"); d && *d != "jack" && *d != "alsa")
            throw InputError ("--device is jack or alsa, got '" + *d + "'");
        options.output = args.value ("output").value_or ("");
        options.sampleRate = session.sampleRate;
        options.bufferSize = (int) args.number ("buffer").value_or (0.0);
        options.outputs = 2;

        engine::PlayerOptions playerOptions;
        playerOptions.sampleRate = session.sampleRate;
        playerOptions.maxBlock = 8192;
        engine::Player player (playerOptions);
        player.setPlan (plan);
        const auto start = (std::int64_t) std::llround (from * session.sampleRate);
        player.preroll (start);

        device::AudioDevice device (options, [&player] (float* const* o, int channels, int frames) { player.process (o, channels, frames); });
        if (device.bufferSize() > playerOptions.maxBlock)
            throw InputError ("the device's buffer of " + std::to_string (device.bufferSize()) + " samples is larger than the engine's "
                              + std::to_string (playerOptions.maxBlock));
        const auto end = start + (std::int64_t) std::llround (seconds * session.sampleRate);
        const auto began = std::chrono::steady_clock::now();
        player.play();
        device.start();
        while (player.position() < end)
        {
            std::this_thread::sleep_for (std::chrono::milliseconds (20));
            player.collectGarbage();
            const double wall = std::chrono::duration<double> (std::chrono::steady_clock::now() - began).count();
            if (wall > seconds * 2.0 + 5.0)
                break;   // the device stopped calling back
        }
        player.stop();
        device.stop();
        const double wall = std::chrono::duration<double> (std::chrono::steady_clock::now() - began).count();
        const double played = (double) (player.position() - start) / session.sampleRate;
        if (const auto diskError = player.diskError(); ! diskError.empty())
            warnings.push_back ("a track fell silent: " + diskError);

        Json result { { "device_type", device.typeName() }, { "device", device.deviceName() },
                      { "sample_rate", device.sampleRate() }, { "buffer_size", device.bufferSize() },
                      { "played_seconds", played }, { "wall_seconds", wall }, { "callbacks", device.callbacks() },
                      { "xruns", device.xruns() }, { "late_callbacks", device.lateCallbacks() },
                      { "longest_callback_us", device.longestCallbackMicros() },
                      { "longest_callback_cpu_us", device.callbackTiming().longestCpuMicros() },
                      { "over_budget_callbacks", device.callbackTiming().overBudgetCallbacks() }, { "underruns", player.underruns() },
                      { "warnings", warnings } };
        std::string human = "played " + fixed (played, 2) + " s through " + device.typeName() + " '" + device.deviceName() + "' at "
                            + fixed (device.sampleRate(), 0) + " Hz, " + std::to_string (device.bufferSize()) + " samples: "
                            + std::to_string (device.xruns()) + " xruns, " + std::to_string (device.lateCallbacks())
                            + " late callbacks (longest " + fixed (device.longestCallbackMicros(), 0) + " us, of it "
                            + fixed (device.callbackTiming().longestCpuMicros(), 0) + " us CPU), "
                            + std::to_string (player.underruns()) + " disk underruns";
        for (auto& w : warnings)
            human += "\nwarning: " + w;
        out.result (result, human);
        return played + 1.0 / session.sampleRate >= std::min (seconds, length - from) - 0.05 ? exitOk : exitCheckFailed;
    }

const Command playCommand {
    "play",
    "play a session's mix through JACK or ALSA (a stage check of the playback chain)",
    "usage: loopstage play SESSION [--device jack|alsa] [--output NAME] [--buffer N] [--from SECONDS]\n"
    "                      [--seconds N] [--json]\n"
    "\n"
    "  --device   jack (default: the running JACK server; JACK_DEFAULT_SERVER picks one) or alsa\n"
    "  --output   the device's output name (JACK: a client such as 'system'); default: the first\n"
    "  --buffer   buffer size in samples (ALSA; JACK uses the server's)\n"
    "  --from     start this many seconds into the session (default 0)\n"
    "  --seconds  how long to play (default: to the end)\n"
    "\n"
    "Exit 2 when the device cannot be opened, 3 when playback stopped short.\n"
    "JSON: {\"device_type\", \"device\", \"sample_rate\", \"buffer_size\", \"played_seconds\", \"wall_seconds\",\n"
    "       \"callbacks\", \"xruns\", \"late_callbacks\", \"longest_callback_us\",\n"
    "       \"longest_callback_cpu_us\", \"over_budget_callbacks\", \"underruns\", \"warnings\"}",
    { .flags = {}, .values = { "device", "output", "buffer", "from", "seconds" } },
    runPlay,
    75,
};
const CommandRegistration registerPlay (playCommand);
} // namespace
} // namespace loopstage::cli
