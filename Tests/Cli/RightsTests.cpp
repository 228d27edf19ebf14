// `loopstage rights` on a session built headless with `loopstage session`.
#include "Base/AtomicFile.h"
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loopstage::test;

TEST_CASE ("rights clears own music, refuses unlicensed music with exit 3 and writes the cue sheet", "[cli][rights]")
{
    TempDir dir ("rights");
    const auto s = (dir / "film.lsession").string();
    const auto music = (dir / "music.wav").string();
    runOrFail ({ "sox", "-n", "-r", "48000", "-b", "24", music, "synth", "5", "sine", "440" });
    runLoopstageOrFail ({ "session", "new", s, "--rate", "25" });
    runLoopstageOrFail ({ "session", "add-track", s, "--name", "Score", "--kind", "mx", "--channels", "1" });
    runLoopstageOrFail ({ "session", "add-music", s, "--id", "1M01", "--title", "Theme", "--licence", "own", "--composer", "Us" });
    runLoopstageOrFail ({ "session", "add-region", s, "--track", "Score", "--file", music, "--at", "0", "--music-cue", "1M01" });

    const auto sheet = (dir / "cues.csv").string();
    auto json = runLoopstageJson ({ "rights", s, "--cue-sheet", sheet, "--json" });
    CHECK (json["cleared"] == true);
    CHECK (json["uses"].size() == 1);
    CHECK_THAT (loopstage::readWholeFile (sheet), Catch::Contains ("1M01,Theme,Us,,background,01:00:00:00,01:00:05:00,00:05"));

    runLoopstageOrFail ({ "session", "add-music", s, "--id", "1M02", "--title", "Hit Song", "--licence", "licensed" });
    runLoopstageOrFail ({ "session", "add-region", s, "--track", "Score", "--file", music, "--at", "10", "--music-cue", "1M02" });
    json = runLoopstageJson ({ "rights", s, "--json" }, 3);
    CHECK (json["cleared"] == false);
    REQUIRE (json["problems"].size() == 1);
    CHECK_THAT (json["problems"][0]["message"].get<std::string>(),
                Catch::Contains ("1M02") && Catch::Contains ("Hit Song") && Catch::Contains ("01:00:10:00 - 01:00:15:00"));

    CHECK (runLoopstage ({ "rights", (dir / "missing.lsession").string() }).exitCode == 2);
}
