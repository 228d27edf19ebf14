#include "Timecode/Timecode.h"
#include "Base/Error.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::timecode;

TEST_CASE ("drop-frame labels match REFERENCE.md", "[timecode]")
{
    const auto df30 = FrameRate::parse ("29.97df");
    CHECK (formatFrames (1799, df30) == "00:00:59;29");
    CHECK (formatFrames (1800, df30) == "00:01:00;02");
    CHECK (formatFrames (17982, df30) == "00:10:00;00");
    CHECK (formatFrames (107892, df30) == "01:00:00;00");
    CHECK (parseFrames ("01:00:00;00", df30) == 107892);
    CHECK (parseFrames ("00:10:00;00", df30) == 17982);

    const auto df60 = FrameRate::parse ("59.94df");
    CHECK (formatFrames (3600, df60) == "00:01:00;04");
    CHECK (parseFrames ("00:01:00;04", df60) == 3600);
}

TEST_CASE ("every frame of a day round-trips at the drop-frame rates", "[timecode]")
{
    for (auto name : { "29.97df", "59.94df" })
    {
        const auto rate = FrameRate::parse (name);
        INFO (name);
        std::int64_t failures = 0;
        Timecode previous {};
        for (std::int64_t f = 0; f < rate.framesPerDay(); ++f)
        {
            const auto tc = toTimecode (f, rate);
            failures += toFrames (tc, rate) != f;
            // Labels only ever move forward by one frame or across a dropped gap.
            if (f > 0)
                failures += ! (tc.hours * 3600 + tc.minutes * 60 + tc.seconds >= previous.hours * 3600 + previous.minutes * 60 + previous.seconds);
            previous = tc;
        }
        CHECK (failures == 0);
        CHECK (formatFrames (rate.framesPerDay() - 1, rate) == (rate.nominal() == 30 ? "23:59:59;29" : "23:59:59;59"));
        CHECK (formatFrames (rate.framesPerDay(), rate) == "00:00:00;00");
    }
}

TEST_CASE ("non-drop rates count labels straight", "[timecode]")
{
    for (auto& rate : FrameRate::all())
    {
        if (rate.dropFrame)
            continue;
        INFO (rate.name());
        CHECK (rate.framesPerDay() == 86400LL * rate.nominal());
        const auto oneHour = 3600LL * rate.nominal();
        CHECK (formatFrames (oneHour, rate) == "01:00:00:00");
        CHECK (parseFrames ("01:00:00:00", rate) == oneHour);
        for (std::int64_t f : { 0LL, 1LL, 12345LL, 999999LL })
            CHECK (toFrames (toTimecode (f, rate), rate) == f);
    }
}

TEST_CASE ("timecodes that do not exist are refused", "[timecode]")
{
    const auto df30 = FrameRate::parse ("29.97df");
    const auto pal = FrameRate::parse ("25");
    CHECK_THROWS_AS (parse ("00:01:00;00", df30), InputError);
    CHECK_THROWS_AS (parse ("00:01:00;01", df30), InputError);
    CHECK_NOTHROW (parse ("00:10:00;00", df30));
    CHECK_THROWS_AS (parse ("00:01:00;03", FrameRate::parse ("59.94df")), InputError);
    CHECK_THROWS_AS (parse ("24:00:00:00", pal), InputError);
    CHECK_THROWS_AS (parse ("00:60:00:00", pal), InputError);
    CHECK_THROWS_AS (parse ("00:00:60:00", pal), InputError);
    CHECK_THROWS_AS (parse ("00:00:00:25", pal), InputError);
    CHECK_THROWS_AS (parse ("00:00:00;05", pal), InputError);
    CHECK_THROWS_AS (parse ("0:0:0", pal), InputError);
    CHECK_THROWS_AS (parse ("aa:00:00:00", pal), InputError);
    CHECK_THROWS_WITH (parse ("00:01:00;00", df30), Catch::Contains ("does not exist"));
}

TEST_CASE ("frames map to exact audio sample positions", "[timecode]")
{
    const auto ntsc = FrameRate::parse ("29.97");
    CHECK (frameToSamples (1, ntsc, 48000) == Approx (1601.6).epsilon (1e-12));
    CHECK (frameToSamples (30000, ntsc, 48000) == 48048000.0);
    CHECK (frameToSamples (24, FrameRate::parse ("24"), 44100) == 44100.0);
    const auto film = FrameRate::parse ("23.976");
    for (std::int64_t f : { 0LL, 1LL, 1439LL, 86399LL, 2000000LL })
        for (double sr : { 44100.0, 48000.0, 96000.0 })
            CHECK (samplesToFrame (frameToSamples (f, film, sr), film, sr) == f);
    CHECK (frameToSeconds (107892, FrameRate::parse ("29.97df")) == Approx (3599.9964).margin (1e-9));
}
