// loopstage demo: the whole job on the bundled demo scene (Assets/demo), end to end:
// media -> session -> ADR takes aligned and circled -> mix -> deliverables per spec, and the
// refusal of a delivery that carries unlicensed music.
#include "CommandTable.h"
#include "Adr/BestTake.h"
#include "Demo/DemoJob.h"
#include "Timecode/Timecode.h"

#include <algorithm>
#include <filesystem>

namespace loopstage::cli
{
namespace
{
    namespace fs = std::filesystem;

    std::string pad (std::string text, size_t width)
    {
        text.resize (std::max (width, text.size() + 1), ' ');
        return text;
    }

    /** Each cue's takes as aligned: where they land, how sure, how much the warp fixed. */
    Json adrReport (const session::Session& s, const fs::path& outDir, std::string& human)
    {
        Json cues = Json::array();
        human += "\nADR takes aligned to the guide (lands at: where the take's first sample sits on the timeline;\n"
                 "drift: how far the actor strayed from one offset, what the warp fixed; sync: residual after warp)\n";
        human += "  cue  take  lands at      confidence  drift p95 ms  sync median/p95 ms\n";
        for (auto& cue : s.adrCues)
        {
            Json takes = Json::array();
            std::string circled;
            for (auto& take : cue.takes)
            {
                Json row { { "take", take.id }, { "offset_seconds", *take.offset }, { "confidence", *take.confidence },
                           { "aligned_file", fs::relative (take.aligned->file, outDir).string() } };
                std::string sync = "-";
                if (take.syncScore)
                {
                    row["sync_score"] = { { "median_ms", take.syncScore->medianMs }, { "p95_ms", take.syncScore->p95Ms } };
                    sync = fixed (take.syncScore->medianMs, 1) + " / " + fixed (take.syncScore->p95Ms, 1);
                }
                const double drift = adr::driftSeconds (take);
                row["drift_p95_ms"] = 1000.0 * drift;
                const auto lands = timecode::format (s.timecodeAt (-*take.offset), s.frameRate);
                human += "  " + cue.id + "  " + std::to_string (take.number) + "     " + lands + "   " + fixed (*take.confidence, 2)
                         + "        " + pad (fixed (1000.0 * drift, 0), 14) + sync + "\n";
                takes.push_back (row);
                if (take.circled)
                    circled = take.id;
            }
            if (! circled.empty())
                human += "       circled take " + std::to_string (s.findTake (circled)->number) + "\n";
            cues.push_back ({ { "cue", cue.id }, { "takes", takes }, { "circled", circled } });
        }
        return cues;
    }

    Json deliveryReport (const demo::DemoDelivery& d, std::string& human)
    {
        const auto& report = d.report;
        const auto& o = report.normalize.output;
        const auto value = [] (const std::optional<double>& v, int digits) { return v ? fixed (*v, digits) : std::string ("-"); };
        human += "  " + report.spec + ": " + (report.compliant() ? "compliant" : "NOT compliant") + "  integrated "
                 + value (o.integratedLufs, 1) + " LUFS" + (o.dialogueLufs ? ", dialogue " + value (o.dialogueLufs, 1) + " LUFS" : "")
                 + ", true peak " + value (o.truePeakDbtp, 2) + " dBTP, gain " + fixed (report.normalize.gainDb, 2) + " dB -> "
                 + fs::relative (d.folder).string() + "/\n";
        auto json = exporter::toJson (report);
        json["folder"] = d.folder.string();
        return json;
    }

    int runDemo (const Args& args, Output& out)
    {
        args.expectPositionals (0, 0);
        const fs::path outDir = fs::absolute (args.value ("out").value_or ("demo-out"));
        demo::DemoOptions options;
        options.showMediaLog = ! out.quiet && ! out.json;
        const auto demo = demo::runDemo (outDir, options, out.progress());
        const auto& scene = demo.session;

        std::string human = "demo scene \"Night Shift\": " + std::to_string (scene.adrCues.size()) + " ADR cues, "
                            + std::to_string (scene.tracks.size()) + " tracks, picture 01:00:00:00 at 23.976\n";
        Json result { { "out", outDir.string() }, { "session", demo.sessionFile.string() } };
        result["adr"] = adrReport (scene, outDir, human);
        human += "\nsession: " + demo.sessionFile.string() + "\n\ndeliverables (stems DX/FX/MX, printmaster, QC report, cue sheet):\n";
        Json deliveries = Json::array();
        for (auto& d : demo.deliveries)
            deliveries.push_back (deliveryReport (d, human));
        result["deliveries"] = deliveries;
        human += "\n" + demo.refusedSession.filename().string() + " (adds a radio playing an unlicensed song):\n  " + demo.refusal
                 + "\n  nothing was written\n";
        result["refused"] = { { "session", demo.refusedSession.string() }, { "message", demo.refusal } };
        human += "\nopen it: build/bin/LoopStage " + demo.sessionFile.string() + "\n";
        out.result (result, human);
        return exitOk;
    }

    const Command demoCommand {
        "demo",
        "build the demo scene and run the whole job on it",
        "usage: loopstage demo [--out DIR] [--json] [--quiet]\n"
        "\n"
        "Makes the demo scene \"Night Shift\" from Assets/demo in DIR (default demo-out): picture with\n"
        "burnt-in timecode, production dialogue, two ADR takes per line, effects and an original\n"
        "score. Then: aligns every take to the guide (offset, time-warp, sync score) and circles the\n"
        "best per cue (DIR/adr-aligned/), saves DIR/night-shift.lsession, exports EBU R128 and Netflix\n"
        "deliverables (DIR/deliver/<spec>/: stems, printmaster, QC report, cue sheet), and shows a\n"
        "delivery with an unlicensed radio song being refused.\n"
        "\n"
        "JSON: {\"out\", \"session\", \"adr\": [{\"cue\", \"takes\", \"circled\"}], \"deliveries\": [...],\n"
        "       \"refused\": {\"session\", \"message\"}}",
        { .values = { "out" } },
        runDemo,
        90,
    };
    const CommandRegistration registerDemo (demoCommand);
} // namespace
} // namespace loopstage::cli
