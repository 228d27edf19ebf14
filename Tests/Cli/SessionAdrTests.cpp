// `loopstage session align | circle | rate`: the supervisor's ADR decisions from the command line,
// each run a new process, so circling relies only on what the session stored.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loopstage::test;
using nlohmann::json;

namespace
{
    json session (std::vector<std::string> args)
    {
        args.insert (args.begin(), "session");
        args.push_back ("--json");
        return runLoopstageJson (args);
    }

    /** espeak-ng's `line` at 48 kHz after `lead` seconds of silence. */
    std::string speech (const TempDir& dir, const std::string& name, const std::string& line, int wordsPerMinute, double lead)
    {
        const auto raw = (dir / (name + "-raw.wav")).string(), out = (dir / (name + ".wav")).string();
        runOrFail ({ "espeak-ng", "-v", "en-us", "-s", std::to_string (wordsPerMinute), "-w", raw, line });
        runOrFail ({ "sox", raw, "-r", "48000", out, "rate", "-v", "48000", "pad", std::to_string (lead), "0.5" });
        return out;
    }
} // namespace

TEST_CASE ("session align aligns a cue's takes into the session, and circle and rate work on it reopened", "[cli][adr]")
{
    TempDir dir ("cli-session-adr");
    const auto file = (dir / "scene.lsession").string();
    const auto line = "The lift was stuck between floors for twenty minutes.";
    const auto guide = speech (dir, "guide", line, 165, 1.0);
    const auto take1 = speech (dir, "take1", line, 165, 0.4);
    const auto take2 = speech (dir, "take2", line, 150, 0.6);

    session ({ "new", file, "--rate", "25", "--start", "10:00:00:00" });
    session ({ "add-track", file, "--name", "Guide", "--kind", "guide", "--id", "guide" });
    session ({ "add-track", file, "--name", "ADR", "--kind", "adr", "--id", "adr" });
    session ({ "add-region", file, "--track", "Guide", "--file", guide, "--at", "20" });
    session ({ "add-cue", file, "--id", "7", "--character", "JONAS", "--line", line, "--in", "10:00:21:00", "--out", "10:00:24:00",
               "--track", "ADR" });
    session ({ "add-take", file, "--cue", "7", "--file", take1, "--id", "t1" });
    session ({ "add-take", file, "--cue", "7", "--file", take2, "--id", "t2" });

    const auto aligned = session ({ "align", file, "--cue", "7", "--no-circle" });
    REQUIRE (aligned["cues"].size() == 1);
    const auto& takes = aligned["cues"][0]["takes"];
    REQUIRE (takes.size() == 2);
    CHECK (takes[0]["offset_seconds"].get<double>() == Approx (0.4 - 21.0).margin (0.002));
    CHECK (takes[0]["confidence"].get<double>() > 0.5);
    CHECK (takes[0]["aligned"]["timecode"] == "10:00:20:06");   // 0.75 s handle before the cue's in
    CHECK (aligned["cues"][0]["circled"].is_null());

    // The aligned copy is a BWF another DAW places by its TimeReference.
    const auto copy = runLoopstageJson ({ "info", takes[0]["aligned"]["file"].get<std::string>(), "--json" });
    CHECK (copy["bext"]["time_reference_samples"] == 10 * 3600 * 48000 + takes[0]["aligned"]["position_samples"].get<std::int64_t>());
    CHECK (copy["bext"]["scene"] == "7");
    CHECK (copy["ixml"]["take"] == "1");

    const auto circled = session ({ "circle", file, "--cue", "7", "--best" });
    const auto region = circled["region"].get<std::string>();
    const auto info = session ({ "info", file });
    bool placed = false;
    for (auto& r : info["regions"])
        if (r["id"] == region)
            placed = r["track"] == "adr" && r["timecode"] == "10:00:20:06";
    CHECK (placed);

    session ({ "circle", file, "--cue", "7", "--take", "t2" });
    session ({ "rate", file, "--take", "t2", "--rating", "5" });
    const auto after = session ({ "info", file });
    CHECK (after["adr_cues"][0]["circled"] == "t2");
    CHECK (after["adr_cues"][0]["takes"][1]["rating"] == 5);
    CHECK (session ({ "undo", file })["undone"] == "Rate take t2");

    auto r = runLoopstage ({ "session", "circle", file, "--cue", "7" });
    CHECK (r.exitCode == 1);
    r = runLoopstage ({ "session", "circle", file, "--cue", "8", "--best" });
    CHECK (r.exitCode == 2);
    CHECK_THAT (r.err, Catch::Contains ("no cue '8'"));
}
