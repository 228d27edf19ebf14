// EBU Tech 3342 loudness range cases 1-4 (±1 LU), and why the 10 Hz hop matters.
#include "Loudness/LoudnessAnalysis.h"
#include "Signals.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::loudness;
using loopstage::test::sineSequence;

TEST_CASE ("Tech 3342 cases 1-4: stepped sines give the expected LRA", "[loudness]")
{
    struct Case
    {
        std::vector<std::pair<double, double>> segments;
        double lra;
    };
    const std::vector<Case> cases {
        { { { 20, -20 }, { 20, -30 } }, 10.0 },
        { { { 20, -20 }, { 20, -15 } }, 5.0 },
        { { { 20, -40 }, { 20, -20 } }, 20.0 },
        { { { 20, -50 }, { 20, -35 }, { 20, -20 }, { 20, -35 }, { 20, -50 } }, 15.0 },
    };
    for (auto& c : cases)
    {
        auto r = analyseBuffer (sineSequence (48000, 2, 1000, c.segments), {});
        REQUIRE (r.lraLu);
        CHECK (*r.lraLu == Approx (c.lra).margin (1.0));
    }
}

TEST_CASE ("LRA of a constant tone is 0 and of a file under 3 s is null", "[loudness]")
{
    auto steady = analyseBuffer (sineSequence (44100, 2, 1000, { { 10, -20 } }), {});
    REQUIRE (steady.lraLu);
    CHECK (*steady.lraLu == Approx (0.0).margin (0.05));
    CHECK_FALSE (analyseBuffer (sineSequence (48000, 2, 1000, { { 2.5, -20 } }), {}).lraLu);
}
