// `loopstage align` against ../shared/CLI.md: a take that is the guide after 0.5 s of silence
// gives +0.5; --out lands it on the guide's timeline; bad files exit 2.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <cmath>

using namespace loopstage::test;

TEST_CASE ("align finds a 0.5 s pad, 44.1 kHz take against a 48 kHz guide", "[cli][align]")
{
    TempDir dir ("cli-align");
    const auto raw = (dir / "raw.wav").string(), guide = (dir / "guide.wav").string();
    const auto take = (dir / "take.wav").string(), out = (dir / "aligned.wav").string();
    runOrFail ({ "espeak-ng", "-v", "en-us", "-s", "165", "-w", raw,
                 "Where were you on the night of the fire? Answer me." });
    runOrFail ({ "sox", raw, "-r", "48000", "-b", "24", guide });
    runOrFail ({ "sox", raw, "-r", "44100", "-b", "16", take, "pad", "0.5", "gain", "-6" });

    const auto j = runLoopstageJson ({ "align", guide, take, "--json", "--sync", "--out", out });
    CHECK (j["sample_rate"] == 48000);
    CHECK (std::abs (j["offset_seconds"].get<double>() - 0.5) * 48000.0 <= 1.0);
    CHECK (j["offset_samples"].get<double>() == Approx (24000.0).margin (1.0));
    CHECK (j["confidence"].get<double>() > 0.9);
    CHECK_FALSE (j.contains ("warp"));
    // Without --warp the sync score is the residual after the offset alone: the same speech, in sync.
    REQUIRE (j["sync_score"].is_object());
    CHECK (j["sync_score"]["segments"].get<int>() >= 2);   // one per phrase: two sentences
    CHECK (j["sync_score"]["p95_ms"].get<double>() <= 5.0);

    // The written take: guide's rate and length, take's sample format, and now in sync.
    const auto info = runOrFail ({ "soxi", out });
    CHECK (info.find ("48000") != std::string::npos);
    CHECK (info.find ("16-bit") != std::string::npos);
    CHECK (runOrFail ({ "soxi", "-s", out }) == runOrFail ({ "soxi", "-s", guide }));
    const auto again = runLoopstageJson ({ "align", guide, out, "--json" });
    CHECK (std::abs (again["offset_samples"].get<double>()) <= 1.0);
    CHECK (! again.contains ("sync_score"));   // only with --sync or --warp
}

TEST_CASE ("align refuses bad input files with exit 2", "[cli][align]")
{
    TempDir dir ("cli-align-bad");
    const auto text = (dir / "notaudio.wav").string();
    runOrFail ({ "sh", "-c", "echo hello > '" + text + "'" });
    for (auto args : std::vector<std::vector<std::string>> {
             { "align", text, text, "--json" },
             { "align", (dir / "missing.wav").string(), text, "--json" } })
    {
        auto r = runLoopstage (args);
        CHECK (r.exitCode == 2);
        CHECK (jsonOf (r).contains ("error"));
        CHECK_THAT (r.err, Catch::StartsWith ("loopstage: error: "));
    }
    CHECK (runLoopstage ({ "align", text }).exitCode == 1);
}

TEST_CASE ("align --warp reports a monotonic map and a sync score", "[cli][align]")
{
    TempDir dir ("cli-align-warp");
    const auto raw = (dir / "raw.wav").string(), guide = (dir / "guide.wav").string();
    const auto take = (dir / "take.wav").string(), out = (dir / "warped.wav").string();
    runOrFail ({ "espeak-ng", "-v", "en-gb", "-s", "150", "-w", raw,
                 "Nobody leaves this room until I find out who took the keys." });
    runOrFail ({ "sox", raw, "-r", "48000", "-b", "24", guide });
    runOrFail ({ "sox", raw, "-r", "48000", "-b", "24", take, "pad", "0.5", "tempo", "-s", "1.05" });
    const auto j = runLoopstageJson ({ "align", guide, take, "--warp", "--json", "--out", out });
    REQUIRE (j["warp"].size() > 2);
    for (size_t i = 1; i < j["warp"].size(); ++i)
    {
        CHECK (j["warp"][i][0].get<double>() > j["warp"][i - 1][0].get<double>());
        CHECK (j["warp"][i][1].get<double>() > j["warp"][i - 1][1].get<double>());
    }
    CHECK (j["sync_score"]["median_ms"].is_number());
    CHECK (j["sync_score"]["p95_ms"].is_number());
    CHECK (runOrFail ({ "soxi", "-s", out }) == runOrFail ({ "soxi", "-s", guide }));
}

TEST_CASE ("align reports a copy wired the other way as inverted, and how it judged the match", "[cli][align]")
{
    // A booth mic or cable with pins 2 and 3 swapped gives the guide's sound upside down: the
    // offset is still found on the waveform, and `inverted` says so (CLI.md: match_ratio,
    // peak_to_sidelobe, inverted).
    TempDir dir ("cli-align-inverted");
    const auto raw = (dir / "raw.wav").string(), guide = (dir / "guide.wav").string();
    const auto take = (dir / "take.wav").string(), upright = (dir / "upright.wav").string();
    runOrFail ({ "espeak-ng", "-v", "en-gb", "-s", "160", "-w", raw, "Keep the line tight and watch the window." });
    // The rate change first, so the pads are whole samples at 48 kHz: the take is 12 000 later.
    runOrFail ({ "sox", raw, "-b", "24", guide, "rate", "48000", "pad", "0.3", "0.3" });
    runOrFail ({ "sox", raw, "-b", "24", take, "rate", "48000", "pad", "0.55", "0.3", "vol", "-0.5" });
    runOrFail ({ "sox", raw, "-b", "24", upright, "rate", "48000", "pad", "0.55", "0.3", "vol", "0.5" });

    const auto j = runLoopstageJson ({ "align", guide, take, "--json" });
    CHECK (std::abs (j["offset_seconds"].get<double>() - 0.25) * 48000.0 <= 0.5);
    CHECK (j["inverted"] == true);
    CHECK (j["confidence"].get<double>() > 0.9);
    CHECK (j["peak_to_sidelobe"].get<double>() >= 12.0);
    CHECK (j["match_ratio"].get<double>() < 0.88);
    const auto k = runLoopstageJson ({ "align", guide, upright, "--json" });
    CHECK (k["inverted"] == false);
    CHECK (std::abs (k["offset_seconds"].get<double>() - 0.25) * 48000.0 <= 0.5);
}
