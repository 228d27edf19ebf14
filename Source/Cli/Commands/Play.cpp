// loopstage play: a session through the mix engine to a real audio device (JUCE's device
// manager: JACK or ALSA), for a stage check of the playback chain from a script.
#include "CommandTable.h"
#include "Base/Error.h"
#include "Session/SessionFile.h"
#include "Transport/Transport.h"

namespace loopstage::cli
{
namespace
{
    int runPlay (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const std::filesystem::path file = args.positional (0, "SESSION");
        const auto session = session::loadSession (file);
        transport::TransportOptions options;
        options.device = args.value ("device").value_or ("jack");
        options.output = args.value ("output").value_or ("");
        options.bufferSize = (int) args.number ("buffer").value_or (0.0);
        const auto r = transport::playSession (session, options, args.number ("from").value_or (0.0), args.number ("seconds"));

        Json result { { "device_type", r.deviceType }, { "device", r.deviceName }, { "sample_rate", r.sampleRate },
                      { "buffer_size", r.bufferSize }, { "played_seconds", r.playedSeconds }, { "wall_seconds", r.wallSeconds },
                      { "callbacks", r.callbacks }, { "xruns", r.xruns }, { "late_callbacks", r.lateCallbacks },
                      { "longest_callback_us", r.longestCallbackMicros }, { "longest_callback_cpu_us", r.longestCallbackCpuMicros },
                      { "over_budget_callbacks", r.overBudgetCallbacks }, { "underruns", r.underruns }, { "warnings", r.warnings } };
        std::string human = "played " + fixed (r.playedSeconds, 2) + " s through " + r.deviceType + " '" + r.deviceName + "' at "
                            + fixed (r.sampleRate, 0) + " Hz, " + std::to_string (r.bufferSize) + " samples: "
                            + std::to_string (r.xruns) + " xruns, " + std::to_string (r.lateCallbacks)
                            + " late callbacks (longest " + fixed (r.longestCallbackMicros, 0) + " us, of it "
                            + fixed (r.longestCallbackCpuMicros, 0) + " us CPU), " + std::to_string (r.underruns) + " disk underruns";
        for (auto& w : r.warnings)
            human += "\nwarning: " + w;
        out.result (result, human);
        return r.complete ? exitOk : exitCheckFailed;
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
