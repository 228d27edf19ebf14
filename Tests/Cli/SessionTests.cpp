// `loopstage session`: build a session headless, read it back, undo, and refuse bad files.
#include "Base/AtomicFile.h"
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <fstream>
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

void expectBadInput (std::vector<std::string> args, const std::string& expected)
{
    args.insert (args.begin(), "session");
    auto r = runLoopstage (args);
    INFO (args[1] << ": " << r.err);
    CHECK (r.exitCode == 2);
    CHECK_THAT (r.err, Catch::StartsWith ("loopstage: error: " + expected));
}

/** A session built only with the CLI: dialogue, music, ADR with an aligned take, delivery. */
struct CliSession
{
    TempDir dir { "cli-session" };
    std::string file = (dir / "reel1.lsession").string();

    CliSession()
    {
        std::filesystem::create_directories (dir / "audio");
        runOrFail ({ "sox", "-n", "-r", "48000", "-c", "1", (dir / "audio" / "dx1.wav").string(), "synth", "3", "sine", "440", "gain", "-20" });
        runOrFail ({ "sox", "-n", "-r", "44100", "-c", "2", (dir / "audio" / "pier.wav").string(), "synth", "10", "sine", "220", "gain", "-20" });
        runOrFail ({ "sox", "-n", "-r", "48000", "-c", "1", (dir / "audio" / "101_t1.wav").string(), "synth", "2.5", "sine", "330", "gain", "-20" });
        std::ofstream (dir / "align.json") << R"({"sample_rate": 48000, "offset_seconds": 0.5, "offset_samples": 24000.0,
            "confidence": 0.97, "warp": [[0.0, 0.5], [1.2, 1.74]], "sync_score": {"median_ms": 3.0, "p95_ms": 9.0}})";

        session ({ "new", file, "--rate", "23.976", "--sample-rate", "48000", "--start", "01:00:00:00", "--name", "The Pier" });
        session ({ "add-track", file, "--name", "DX 1", "--kind", "dx" });
        session ({ "add-region", file, "--track", "DX 1", "--file", (dir / "audio" / "dx1.wav").string(), "--at-timecode",
                   "01:00:02:00", "--offset", "0.5", "--fade-in", "0.01", "--fade-out", "0.25", "--gain", "-3" });
        session ({ "add-music", file, "--id", "1M01", "--title", "Pier at Dawn", "--licence", "library", "--licence-id", "LIB-0042",
                   "--territory", "GB", "--territory", "FR", "--media", "broadcast", "--term-start", "2026-01-01", "--term-end", "2031-12-31" });
        session ({ "add-track", file, "--name", "MX", "--kind", "mx" });
        session ({ "add-region", file, "--track", "MX", "--file", (dir / "audio" / "pier.wav").string(), "--at", "0", "--music-cue", "1M01" });
        session ({ "add-track", file, "--name", "ADR", "--kind", "adr" });
        session ({ "add-cue", file, "--id", "101", "--character", "MAYA", "--line", "Did you hear that?", "--in", "01:00:12:00",
                   "--out", "01:00:14:12", "--track", "ADR" });
        session ({ "add-take", file, "--cue", "101", "--file", (dir / "audio" / "101_t1.wav").string(), "--alignment",
                   (dir / "align.json").string(), "--rating", "4", "--circled", "--place" });
        session ({ "set-delivery", file, "--spec", "ebu-r128", "--territory", "world", "--media", "broadcast" });
    }
};
} // namespace

TEST_CASE ("session: a full session built with the CLI reads back in info", "[cli][session]")
{
    CliSession s;
    const auto info = session ({ "info", s.file });
    CHECK (info["name"] == "The Pier");
    CHECK (info["sample_rate"] == 48000.0);
    CHECK (info["frame_rate"] == "23.976");
    CHECK (info["start_timecode"] == "01:00:00:00");
    CHECK (info["counts"]["tracks"] == 3);
    CHECK (info["counts"]["regions"] == 3);   // dx, music and the placed ADR take
    CHECK (info["counts"]["stems"] == 3);
    CHECK (info["counts"]["adr_cues"] == 1);
    CHECK (info["counts"]["takes"] == 1);
    CHECK (info["counts"]["music_cues"] == 1);
    CHECK (info["delivery"]["spec"] == "ebu-r128");

    const auto& dx = info["regions"][0];
    CHECK (dx["track"] == "track-1");
    CHECK (dx["position"].get<double>() == Approx (48.0 * 1001.0 / 24000.0));   // 01:00:02:00 at 23.976
    CHECK (dx["timecode"] == "01:00:02:00");
    CHECK (dx["length"].get<double>() == Approx (2.5));                          // 3 s file after a 0.5 s offset
    CHECK (dx["sample_rate_matches"] == true);
    const auto& mx = info["regions"][1];
    CHECK (mx["sample_rate_matches"] == false);
    CHECK (mx["source_sample_rate"] == 44100.0);
    CHECK (info["music"][0]["seconds_used"].get<double>() == Approx (10.0));
    CHECK (info["music"][0]["territories"] == json::array ({ "GB", "FR" }));
    CHECK (info["duration"].get<double>() == Approx (12.012 + 2.0));            // ADR take placed at the cue's in-point, 2 s after its 0.5 s offset
    bool warned = false;
    for (auto& w : info["warnings"])
        warned = warned || w.get<std::string>().find ("44100 Hz") != std::string::npos;
    CHECK (warned);

    const auto& cue = info["adr_cues"][0];
    CHECK (cue["character"] == "MAYA");
    CHECK (cue["timecode_out"] == "01:00:14:12");
    CHECK (cue["circled"] == "take-1");
    CHECK (cue["takes"][0]["offset"] == 0.5);
    CHECK (cue["takes"][0]["warp_points"] == 2);
    CHECK (cue["takes"][0]["sync_p95_ms"] == 9.0);
    CHECK (cue["takes"][0]["region"] == "region-3");

    // The file itself: the documented format, media stored relative to the session's folder.
    const auto doc = json::parse (loopstage::readWholeFile (s.file));
    CHECK (doc["format"] == "loopstage-session");
    CHECK (doc["schema_version"] == 3);
    CHECK (doc["regions"][0]["file"] == "audio/dx1.wav");
    CHECK (doc["regions"][0]["fade_out"] == 0.25);
    CHECK (doc["tracks"][0]["output"] == "stem-dx");
    CHECK (doc["tracks"][1]["output"] == "stem-mx");

    auto human = runLoopstage ({ "session", "info", s.file });
    CHECK (human.exitCode == 0);
    CHECK_THAT (human.out, Catch::Contains ("tracks 3, regions 3"));
}

TEST_CASE ("session: undo and redo step through edits across runs", "[cli][session]")
{
    CliSession s;
    const auto before = loopstage::readWholeFile (s.file);
    session ({ "add-track", s.file, "--name", "FX 1", "--kind", "fx", "--channels", "6" });
    CHECK (session ({ "info", s.file })["counts"]["tracks"] == 4);

    auto undone = session ({ "undo", s.file });
    CHECK (undone["undone"] == "Add track FX 1");
    CHECK (loopstage::readWholeFile (s.file) == before);
    CHECK (session ({ "redo", s.file })["redone"] == "Add track FX 1");
    CHECK (session ({ "info", s.file })["tracks"][3]["channels"] == 6);

    // Undo all the way back to the empty session, then one more is bad input.
    int steps = 0;
    while (runLoopstage ({ "session", "undo", s.file }).exitCode == 0)
        ++steps;
    CHECK (steps == 10);
    CHECK (session ({ "info", s.file })["counts"]["tracks"] == 0);
    expectBadInput ({ "undo", s.file }, s.file + ": nothing to undo");

    // A session changed behind the history's back: the stale history is ignored, not trusted.
    session ({ "redo", s.file });
    std::ofstream (s.file + ".history") << "{ not json";
    expectBadInput ({ "undo", s.file }, s.file + ": nothing to undo");
}

TEST_CASE ("session: bad files and values exit 2 and are never overwritten", "[cli][session]")
{
    CliSession s;
    const auto good = json::parse (loopstage::readWholeFile (s.file));
    const auto bad = (s.dir / "bad.lsession").string();
    auto writeBad = [&] (const std::string& text) { std::ofstream (bad, std::ios::binary) << text; };

    const auto text = good.dump (2);
    for (auto& [label, content, expected] : std::vector<std::tuple<std::string, std::string, std::string>> {
             { "truncated", text.substr (0, text.size() / 3), bad + ": not valid JSON" },
             { "wrong type", [&] { auto j = good; j["tracks"][1]["channels"] = "two"; return j.dump(); }(),
               bad + ": tracks[1].channels: expected an integer, got a string" },
             { "unknown kind", [&] { auto j = good; j["tracks"][2]["kind"] = "foo"; return j.dump(); }(),
               bad + ": tracks[2].kind: unknown kind 'foo'" },
             { "future", [&] { auto j = good; j["schema_version"] = 7; return j.dump(); }(),
               bad + ": schema_version: the file was made by a newer LoopStage" } })
    {
        INFO (label);
        writeBad (content);
        expectBadInput ({ "info", bad }, expected);
        expectBadInput ({ "add-track", bad, "--name", "X", "--kind", "dx" }, expected);
        expectBadInput ({ "new", bad, "--rate", "25", "--force" }, bad + ": ");
        CHECK (loopstage::readWholeFile (bad) == content);

        auto r = runLoopstage ({ "session", "info", bad, "--json" });
        CHECK (r.exitCode == 2);
        CHECK_THAT (jsonOf (r)["error"].get<std::string>(), Catch::StartsWith (bad + ": "));
    }

    expectBadInput ({ "info", (s.dir / "missing.lsession").string() }, (s.dir / "missing.lsession").string() + ": no such file");
    expectBadInput ({ "add-region", s.file, "--track", "nope", "--file", (s.dir / "audio" / "dx1.wav").string(), "--at", "0" },
                    s.file + ": no track 'nope'");
    expectBadInput ({ "add-region", s.file, "--track", "MX", "--file", (s.dir / "audio" / "dx1.wav").string(), "--at", "0", "--length", "9" },
                    (s.dir / "audio" / "dx1.wav").string() + ": length 9");
    expectBadInput ({ "add-region", s.file, "--track", "MX", "--file", (s.dir / "audio" / "dx1.wav").string(), "--at", "0",
                      "--music-cue", "9M99" }, s.file + ": regions[3].music_cue: no music cue '9M99'");
    expectBadInput ({ "add-track", s.file, "--name", "Y", "--kind", "dx", "--channels", "3" }, s.file + ": tracks[3].channels: must be 1, 2 or 6");
    expectBadInput ({ "add-cue", s.file, "--in", "01:00:20:00", "--out", "01:00:19:00" }, s.file + ": adr_cues[1].timecode_out: must be after");
    expectBadInput ({ "set-delivery", s.file, "--spec", "loud" }, s.file + ": delivery.spec: unknown spec 'loud'");
    expectBadInput ({ "new", s.file, "--rate", "25" }, s.file + ": already exists");

    // Usage mistakes are exit 1.
    CHECK (runLoopstage ({ "session", "frobnicate", s.file }).exitCode == 1);
    CHECK (runLoopstage ({ "session", "info", s.file, "--rate", "25" }).exitCode == 1);
    CHECK (runLoopstage ({ "session", "add-track", s.file, "--kind", "dx" }).exitCode == 1);
}
