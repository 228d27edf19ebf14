#include "Timecode/FrameRate.h"
#include "Base/Error.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::timecode;

TEST_CASE ("frame rates are exact rationals with their CLI names", "[timecode]")
{
    CHECK (FrameRate::all().size() == 12);
    for (auto& rate : FrameRate::all())
        CHECK (FrameRate::parse (rate.name()) == rate);

    auto ntsc = FrameRate::parse ("29.97df");
    CHECK (ntsc.numerator == 30000);
    CHECK (ntsc.denominator == 1001);
    CHECK (ntsc.dropFrame);
    CHECK (ntsc.nominal() == 30);
    CHECK (ntsc.droppedPerMinute() == 2);
    CHECK (ntsc.framesPerDay() == 17982LL * 144);
    CHECK (FrameRate::parse ("59.94df").droppedPerMinute() == 4);
    CHECK (FrameRate::parse ("23.976").nominal() == 24);
    CHECK (FrameRate::parse ("47.952").nominal() == 48);
    CHECK (FrameRate::parse ("23.98") == FrameRate::parse ("23.976"));
}

TEST_CASE ("non-existent drop-frame rates are bad input", "[timecode]")
{
    CHECK_THROWS_AS (FrameRate::parse ("23.976df"), InputError);
    CHECK_THROWS_AS (FrameRate::parse ("25df"), InputError);
    CHECK_THROWS_AS (FrameRate::parse ("30df"), InputError);
    CHECK_THROWS_AS (FrameRate::parse ("29"), InputError);
    CHECK_THROWS_WITH (FrameRate::parse ("23.976df"), Catch::Contains ("no drop-frame"));
}
