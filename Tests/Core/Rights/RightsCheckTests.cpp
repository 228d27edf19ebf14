#include "Rights/RightsCheck.h"
#include "SessionWithMusic.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::rights;

namespace
{
std::string onlyProblem (const session::Session& s, const std::string& date = "2026-11-29")
{
    const auto report = checkMusicRights (s, date);
    REQUIRE (report.problems.size() == 1);
    return report.problems[0].message();
}
} // namespace

TEST_CASE ("own music and a valid licence clear the delivery", "[rights]")
{
    auto s = test::sessionWithMusic();
    const auto report = checkMusicRights (s, "2026-11-29");
    CHECK (report.cleared());
    REQUIRE (report.uses.size() == 2);
    CHECK (report.uses[0].cue->id == "1M01");   // sorted by time, not by region order
    CHECK (report.uses[1].cue->id == "1M02");
}

TEST_CASE ("a licensed cue without a licence reference is refused, naming cue and timecodes", "[rights]")
{
    auto s = test::sessionWithMusic();
    s.findMusic ("1M02")->licenceId.clear();
    const auto message = onlyProblem (s);
    CHECK_THAT (message, Catch::Contains ("1M02") && Catch::Contains ("Radio, Radio"));
    CHECK_THAT (message, Catch::Contains ("01:00:40:00 - 01:00:46:12"));
    CHECK_THAT (message, Catch::Contains ("no licence on record"));
}

TEST_CASE ("licence term, territory and media must cover the delivery", "[rights]")
{
    auto s = test::sessionWithMusic();
    CHECK_THAT (onlyProblem (s, "2028-01-01"), Catch::Contains ("expired on 2027-12-31"));
    CHECK_THAT (onlyProblem (s, "2025-06-01"), Catch::Contains ("starts on 2026-01-01"));

    s.findMusic ("1M02")->territories = { "US", "CA" };
    CHECK_THAT (onlyProblem (s), Catch::Contains ("territory GB") && Catch::Contains ("US, CA"));
    s.findMusic ("1M02")->territories = { "gb" };
    CHECK (checkMusicRights (s, "2026-11-29").cleared());

    s.delivery->media = { "broadcast", "theatrical" };
    CHECK_THAT (onlyProblem (s), Catch::Contains ("media theatrical"));
    s.findMusic ("1M02")->media = { "all" };
    CHECK (checkMusicRights (s, "2026-11-29").cleared());
}

TEST_CASE ("an unspecified delivery territory counts as worldwide", "[rights]")
{
    auto s = test::sessionWithMusic();
    s.findMusic ("1M02")->territories = { "GB" };
    s.delivery->territory.clear();
    CHECK_THAT (onlyProblem (s), Catch::Contains ("territory world"));
}

TEST_CASE ("music outside the register is refused; muted music needs no licence", "[rights]")
{
    auto s = test::sessionWithMusic();
    s.findRegion ("r-song")->musicCue.clear();
    CHECK_THAT (onlyProblem (s), Catch::Contains ("radio.wav") && Catch::Contains ("names no entry of the music register"));

    s.findRegion ("r-song")->musicCue = "9M99";
    CHECK_THAT (onlyProblem (s), Catch::Contains ("9M99") && Catch::Contains ("not in the music register"));

    s.findTrack ("mx-1")->mute = true;
    const auto report = checkMusicRights (s, "2026-11-29");
    CHECK (report.cleared());
    CHECK (report.uses.empty());
}
