// loopstage demo: the whole job on the bundled demo scene (Assets/demo), end to end:
// media -> session -> ADR takes aligned and circled -> mix -> deliverables per spec, and the
// refusal of a delivery that carries unlicensed music.
#include "CommandTable.h"
#include <algorithm>
#include "Timecode/Timecode.h"
#include "DemoScene.h"
#include "Adr/BestTake.h"
#include "Adr/CueAlignment.h"
#include "Base/Error.h"
#include "Base/Subprocess.h"
#include "Export/DeliveryExport.h"
#include "Session/SessionFile.h"

#include <filesystem>

namespace loopstage::cli
{
namespace
{
    namespace fs = std::filesystem;

    void makeMedia (const fs::path& outDir, const Output& out)
    {
        const auto script = demo::assetsFolder() / "make-media.sh";
        if (! fs::exists (script))
            throwFileError (script, "demo assets not found (set LOOPSTAGE_ASSETS to the Assets folder)");
        auto result = runSubprocess ({ "bash", script.string(), outDir.string() }, ! out.quiet && ! out.json);
        if (result.exitCode != 0)
            throw InputError ("making the demo media failed (" + script.string() + " exited with "
                              + std::to_string (result.exitCode) + ")" + (result.err.empty() ? "" : ": " + result.err));
    }

    std::string pad (std::string text, size_t width)
    {
        text.resize (std::max (width, text.size() + 1), ' ');
        return text;
    }

    /** Aligns every take of every cue, circles the best-synced one per cue (Core/Adr). */
    Json alignTakes (session::Session& s, const fs::path& outDir, std::string& human)
    {
        Json cues = Json::array();
        human += "\nADR takes aligned to the guide (lands at: where the take's first sample sits on the timeline;\n"
                 "drift: how far the actor strayed from one offset, what the warp fixed; sync: residual after warp)\n";
        human += "  cue  take  lands at      confidence  drift p95 ms  sync median/p95 ms\n";
        adr::TakeAlignOptions options;
        options.alignedFolder = outDir / "adr-aligned";
        const auto cueIds = [&] { std::vector<std::string> ids; for (auto& c : s.adrCues) ids.push_back (c.id); return ids; }();
        for (auto& cueId : cueIds)
        {
            adr::alignCue (s, cueId, options, true).change.apply (s);
            const auto& cue = *s.findCue (cueId);
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

    Json deliver (const session::Session& s, const fs::path& outDir, const std::string& spec, std::string& human, Output& out)
    {
        exporter::ExportOptions options;
        options.spec = spec;
        options.threads = 2;
        const auto folder = outDir / "deliver" / spec;
        const auto report = exporter::exportDelivery (s, folder, options, out.progress());
        const auto& o = report.normalize.output;
        const auto value = [] (const std::optional<double>& v, int d) { return v ? fixed (*v, d) : std::string ("-"); };
        human += "  " + spec + ": " + (report.compliant() ? "compliant" : "NOT compliant") + "  integrated "
                 + value (o.integratedLufs, 1) + " LUFS" + (o.dialogueLufs ? ", dialogue " + value (o.dialogueLufs, 1) + " LUFS" : "")
                 + ", true peak " + value (o.truePeakDbtp, 2) + " dBTP, gain " + fixed (report.normalize.gainDb, 2) + " dB -> "
                 + fs::relative (folder).string() + "/\n";
        auto json = exporter::toJson (report);
        json["folder"] = folder.string();
        return json;
    }

    int runDemo (const Args& args, Output& out)
    {
        args.expectPositionals (0, 0);
        const fs::path outDir = fs::absolute (args.value ("out").value_or ("demo-out"));
        fs::create_directories (outDir);

        makeMedia (outDir, out);
        auto scene = demo::buildScene (outDir);
        const auto sessionFile = outDir / "night-shift.lsession";
        std::string human = "demo scene \"Night Shift\": " + std::to_string (scene.adrCues.size()) + " ADR cues, "
                            + std::to_string (scene.tracks.size()) + " tracks, picture 01:00:00:00 at 23.976\n";

        Json result { { "out", outDir.string() }, { "session", sessionFile.string() } };
        result["adr"] = alignTakes (scene, outDir, human);
        session::saveSession (scene, sessionFile);
        human += "\nsession: " + sessionFile.string() + "\n\ndeliverables (stems DX/FX/MX, printmaster, QC report, cue sheet):\n";

        Json deliveries = Json::array();
        for (auto spec : { "ebu-r128", "netflix" })
            deliveries.push_back (deliver (scene, outDir, spec, human, out));
        result["deliveries"] = deliveries;

        // The same scene with a radio playing an unlicensed song: the export must refuse.
        const auto radio = demo::withUnlicensedRadio (scene, outDir);
        const auto radioFile = outDir / "night-shift-radio.lsession";
        session::saveSession (radio, radioFile);
        try
        {
            exporter::exportDelivery (radio, outDir / "deliver" / "with-radio", {});
            throw InputError ("the delivery with unlicensed music was not refused");
        }
        catch (const exporter::ExportRefused& refused)
        {
            human += "\n" + radioFile.filename().string() + " (adds a radio playing an unlicensed song):\n  " + refused.what()
                     + "\n  nothing was written\n";
            result["refused"] = { { "session", radioFile.string() }, { "message", refused.what() } };
        }

        human += "\nopen it: build/bin/LoopStage " + sessionFile.string() + "\n";
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
