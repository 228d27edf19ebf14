// loopstage render: a session's stems and printmaster, offline, through the mix engine.
#include "CommandTable.h"
#include "Base/Error.h"
#include "Engine/OfflineRenderer.h"
#include "Engine/SessionToPlan.h"
#include "Session/SessionFile.h"

#include <cmath>

namespace loopstage::cli
{
namespace
{
    int wholeNumber (const Args& args, const std::string& name, int fallback, int low, int high)
    {
        const auto v = args.number (name);
        if (! v)
            return fallback;
        if (*v != std::floor (*v) || *v < low || *v > high)
            throw InputError ("--" + name + " must be a whole number from " + std::to_string (low) + " to " + std::to_string (high));
        return (int) *v;
    }

    int runRender (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const auto sessionFile = std::filesystem::path (args.positional (0, "SESSION"));
        const auto folder = args.value ("out");
        if (! folder)
            throw UsageError ("--out DIR is required");

        engine::RenderOptions options;
        options.blockSize = wholeNumber (args, "block", 1024, 1, 1 << 20);
        options.threads = wholeNumber (args, "threads", 1, 1, 64);
        if (const auto format = args.value ("format"))
            options.format = audio::parseSampleFormat (*format);

        const auto session = session::loadSession (sessionFile);
        std::vector<std::string> warnings;
        const auto plan = engine::sessionToPlan (session, &warnings);
        if (plan.length <= 0)
            throw InputError (sessionFile.string() + ": the session has no regions, nothing to render");
        const auto report = engine::renderToFolder (plan, *folder, options, out.progress());

        const double duration = (double) plan.length / plan.sampleRate;
        Json files = Json::array();
        std::string human;
        for (const auto& f : report.files)
        {
            files.push_back ({ { "role", f.role }, { "name", f.name }, { "file", f.file.string() },
                               { "channels", f.channels }, { "duration", (double) f.frames / plan.sampleRate },
                               { "peak_dbfs", numberOrNull (f.peakDbfs) } });
            human += f.file.string() + "  " + f.role + " " + std::to_string (f.channels) + " ch, peak "
                   + (f.peakDbfs ? fixed (*f.peakDbfs, 2) + " dBFS" : std::string ("silent")) + "\n";
        }
        Json warningList = Json::array();
        for (const auto& w : warnings)
            warningList.push_back (w);
        Json result { { "session", sessionFile.string() }, { "out", *folder }, { "sample_rate", plan.sampleRate },
                      { "duration", duration }, { "latency_samples", report.latency }, { "render_seconds", report.seconds },
                      { "speed", report.seconds > 0 ? duration / report.seconds : 0.0 }, { "files", files },
                      { "warnings", warningList } };
        for (const auto& w : warnings)
            human += "warning: " + w + "\n";
        human += "rendered " + fixed (duration, 2) + " s in " + fixed (report.seconds, 2) + " s";
        out.result (result, human);
        return exitOk;
    }

const Command renderCommand {
    "render",
    "render a session's stems (DX, FX, MX, ...) and printmaster to files",
    "usage: loopstage render SESSION --out DIR [--block N] [--threads N] [--format 16|24|float] [--json]\n"
    "\n"
    "  SESSION      a .lsession file\n"
    "  --out DIR    folder for <stem name>.wav (one per stem, in session order) and printmaster.wav;\n"
    "               every file is written atomically (a failed render leaves none half-written)\n"
    "  --block N    processing block in samples (default 1024; the result is identical for any N)\n"
    "  --threads N  processing threads (default 1; the result is identical for any N)\n"
    "  --format F   sample format: 16, 24 (default) or float\n"
    "\n"
    "The printmaster is the stems summed through the master strip: exactly in float, within\n"
    "3 LSB in 24-bit files. Plug-in delay compensation is applied: every file starts at the\n"
    "session's timeline 0.\n"
    "\n"
    "JSON: {\"session\", \"out\", \"sample_rate\", \"duration\", \"latency_samples\", \"render_seconds\",\n"
    "       \"speed\", \"files\": [{\"role\": \"stem\"|\"printmaster\", \"name\", \"file\", \"channels\",\n"
    "       \"duration\", \"peak_dbfs\"}], \"warnings\": [...]}",
    { .flags = {}, .values = { "out", "block", "threads", "format" } },
    runRender,
    60,
};
const CommandRegistration registerRender (renderCommand);
} // namespace
} // namespace loopstage::cli
