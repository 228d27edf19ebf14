// `loopstage render --spec`: the deliverable, and its refusal when music is unlicensed.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace loopstage::test;
namespace fs = std::filesystem;

TEST_CASE ("render --spec writes a compliant deliverable, and refuses unlicensed music writing nothing", "[cli][export]")
{
    TempDir dir ("render-spec");
    const auto s = (dir / "film.lsession").string();
    const auto dx = (dir / "dx.wav").string(), mx = (dir / "mx.wav").string();
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-b", "24", dx, "synth", "8", "pinknoise", "tremolo", "3", "90", "vol", "0.3" });
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-b", "24", "-c", "2", mx, "synth", "8", "pluck", "A3", "vol", "0.4" });
    runLoopstageOrFail ({ "session", "new", s, "--rate", "25" });
    runLoopstageOrFail ({ "session", "add-track", s, "--name", "Dialogue", "--kind", "dx", "--channels", "1" });
    runLoopstageOrFail ({ "session", "add-track", s, "--name", "Score", "--kind", "mx", "--channels", "2" });
    runLoopstageOrFail ({ "session", "add-region", s, "--track", "Dialogue", "--file", dx, "--at", "0" });
    runLoopstageOrFail ({ "session", "add-music", s, "--id", "1M01", "--title", "Theme", "--licence", "own" });
    runLoopstageOrFail ({ "session", "add-region", s, "--track", "Score", "--file", mx, "--at", "0", "--music-cue", "1M01" });

    const auto out = dir / "atsc";
    auto json = runLoopstageJson ({ "render", s, "--out", out.string(), "--spec", "atsc-a85", "--json" });
    CHECK (json["spec"] == "atsc-a85");
    CHECK (json["compliant"] == true);
    for (auto name : { "printmaster.wav", "stem-DX.wav", "stem-MX.wav", "qc.json", "qc-report.html", "cue-sheet.csv", "manifest.json" })
    {
        INFO (name);
        CHECK (fs::exists (out / name));
    }
    // Measured independently of the normaliser that made it.
    auto measured = runLoopstageJson ({ "qc", (out / "printmaster.wav").string(), "--spec", "atsc-a85", "--json" });
    CHECK (measured["compliant"] == true);

    runLoopstageOrFail ({ "session", "add-music", s, "--id", "1M02", "--title", "Hit Song", "--licence", "licensed" });
    runLoopstageOrFail ({ "session", "add-region", s, "--track", "Score", "--file", mx, "--at", "2", "--music-cue", "1M02" });
    const auto refusedOut = dir / "refused";
    auto refused = runLoopstage ({ "render", s, "--out", refusedOut.string(), "--spec", "ebu-r128", "--json" });
    CHECK (refused.exitCode == 3);
    CHECK_THAT (refused.err, Catch::StartsWith ("loopstage: error: delivery refused") && Catch::Contains ("1M02")
                                 && Catch::Contains ("01:00:02:00"));
    CHECK (jsonOf (refused)["refused"] == true);
    CHECK ((! fs::exists (refusedOut) || fs::is_empty (refusedOut)));
}
