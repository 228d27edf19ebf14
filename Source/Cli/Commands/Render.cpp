// loopstage render: a session's stems and printmaster, offline, through the mix engine.
#include "CommandTable.h"
#include "Base/Error.h"
#include "Mix/SessionRender.h"
#include "Export/DeliveryExport.h"
#include "Session/SessionFile.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <thread>

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

    /** render --spec: the deliverable (Export/DeliveryExport.h). Exit 3 when music rights refuse
        the export (nothing written) or the printmaster fails QC (files written, report says why). */
    int renderDelivery (const session::Session& session, const std::filesystem::path& sessionFile, const std::string& folder,
                        const std::string& spec, const Args& args, Output& out, const engine::RenderOptions& engineOptions)
    {
        exporter::ExportOptions options;
        options.spec = spec;
        options.date = args.value ("date").value_or ("");
        options.threads = engineOptions.threads;
        options.blockSize = engineOptions.blockSize;
        try
        {
            const auto report = exporter::exportDelivery (session, folder, options, out.progress());
            auto result = exporter::toJson (report);
            result["session"] = sessionFile.string();
            result["out"] = folder;
            std::string human;
            for (auto& f : report.files)
                human += f.file.string() + "  " + f.role + "\n";
            for (auto& w : report.warnings)
                human += "warning: " + w + "\n";
            for (auto& c : report.qc.checks)
                if (! c.pass)
                    human += "QC fails " + c.name + ": " + c.value.dump() + " (limit " + c.limit + ")\n";
            human += report.spec + (report.compliant() ? ": compliant" : ": NOT compliant") + ", gain " + fixed (report.normalize.gainDb, 2)
                     + " dB, limiter " + fixed (report.normalize.limiterMaxReductionDb, 2) + " dB";
            out.result (result, human);
            return report.compliant() ? exitOk : exitCheckFailed;
        }
        catch (const exporter::ExportRefused& refused)
        {
            Json problems = Json::array();
            for (auto& p : refused.report().problems)
                problems.push_back ({ { "cue", p.cue }, { "title", p.title }, { "timecode_in", p.timecodeIn },
                                      { "timecode_out", p.timecodeOut }, { "reason", p.reason } });
            std::cerr << "loopstage: error: " << refused.what() << std::endl;
            if (out.json)
                std::cout << Json { { "error", refused.what() }, { "refused", true }, { "problems", problems } }.dump (2) << std::endl;
            return exitCheckFailed;
        }
    }

    int runRender (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const auto sessionFile = std::filesystem::path (args.positional (0, "SESSION"));
        const auto folder = args.value ("out");
        if (! folder)
            throw UsageError ("--out DIR is required");

        engine::RenderOptions options;
        // Offline the block only sets how often threads meet: 4096 amortises that (results are
        // the same for any block and any thread count, so the defaults just take the machine).
        options.blockSize = wholeNumber (args, "block", 4096, 1, 1 << 20);
        options.threads = wholeNumber (args, "threads", std::clamp ((int) std::thread::hardware_concurrency(), 1, 8), 1, 64);
        if (const auto format = args.value ("format"))
            options.format = audio::parseSampleFormat (*format);

        const auto session = session::loadSession (sessionFile);
        if (const auto spec = args.value ("spec"))
            return renderDelivery (session, sessionFile, *folder, *spec, args, out, options);
        const auto render = mix::renderSession (session, sessionFile, *folder, options, out.progress());
        const auto& report = render.report;
        const auto& warnings = render.warnings;
        const double duration = render.durationSeconds;
        Json files = Json::array();
        std::string human;
        for (const auto& f : report.files)
        {
            files.push_back ({ { "role", f.role }, { "name", f.name }, { "file", f.file.string() },
                               { "channels", f.channels }, { "duration", (double) f.frames / render.sampleRate },
                               { "peak_dbfs", numberOrNull (f.peakDbfs) } });
            human += f.file.string() + "  " + f.role + " " + std::to_string (f.channels) + " ch, peak "
                   + (f.peakDbfs ? fixed (*f.peakDbfs, 2) + " dBFS" : std::string ("silent")) + "\n";
        }
        Json warningList = Json::array();
        for (const auto& w : warnings)
            warningList.push_back (w);
        Json result { { "session", sessionFile.string() }, { "out", *folder }, { "sample_rate", render.sampleRate },
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
    "usage: loopstage render SESSION --out DIR [--spec SPEC [--date YYYY-MM-DD]] [--block N] [--threads N]\n"
    "                        [--format 16|24|float] [--json]\n"
    "\n"
    "  SESSION      a .lsession file\n"
    "  --out DIR    folder for <stem name>.wav (one per stem, in session order) and printmaster.wav;\n"
    "               every file is written atomically (a failed render leaves none half-written)\n"
    "  --block N    processing block in samples (default 4096; the result is identical for any N)\n"
    "  --threads N  processing threads (default: one per core, at most 8; the result is identical\n"
    "               for any N; --threads 1 where render jobs share a machine)\n"
    "  --format F   sample format: 16, 24 (default) or float (without --spec)\n"
    "  --spec SPEC  the deliverable: ebu-r128, atsc-a85, netflix, apple-podcasts, spotify. Music rights\n"
    "               are checked first (licences valid on --date, default today): unlicensed music refuses\n"
    "               the export with exit 3 naming each cue and its timecodes, and writes nothing.\n"
    "               Then DIR gets printmaster.wav (normalised to the spec, true-peak limited),\n"
    "               stem-<name>.wav (the same gain), qc.json, qc-report.html, cue-sheet.csv and\n"
    "               manifest.json. Exit 3 when the printmaster fails QC.\n"
    "\n"
    "The printmaster is the stems summed through the master strip: exactly in float, within\n"
    "3 LSB in 24-bit files. Plug-in delay compensation is applied: every file starts at the\n"
    "session's timeline 0.\n"
    "\n"
    "JSON: {\"session\", \"out\", \"sample_rate\", \"duration\", \"latency_samples\", \"render_seconds\",\n"
    "       \"speed\", \"files\": [{\"role\": \"stem\"|\"printmaster\", \"name\", \"file\", \"channels\",\n"
    "       \"duration\", \"peak_dbfs\"}], \"warnings\": [...]}\n"
    "With --spec: {\"spec\", \"compliant\", \"gain_db\", \"limiter_max_reduction_db\", \"files\": [{\"role\",\n"
    "       \"name\", \"file\"}], \"music\", \"qc\": {...as loopstage qc}, \"warnings\", \"session\", \"out\"};\n"
    "       refused: {\"error\", \"refused\": true, \"problems\": [{\"cue\", \"title\", \"timecode_in\", ...}]}",
    { .flags = {}, .values = { "out", "block", "threads", "format", "spec", "date" } },
    runRender,
    60,
};
const CommandRegistration registerRender (renderCommand);
} // namespace
} // namespace loopstage::cli
