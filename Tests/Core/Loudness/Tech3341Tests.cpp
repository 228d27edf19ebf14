// EBU Tech 3341 (2023) meter conformance: every case that can be synthesised, within ±0.1 LU.
#include "Loudness/LoudnessAnalysis.h"
#include "Loudness/LoudnessMeter.h"
#include "Signals.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::loudness;
using loopstage::test::sineSequence;

namespace
{
LoudnessReport measure (const audio::AudioBuffer& b)
{
    return analyseBuffer (b, {});
}
} // namespace

TEST_CASE ("Tech 3341 cases 1-2: stereo 1 kHz sines read -23 and -33 LUFS (M, S, I)", "[loudness]")
{
    for (double level : { -23.0, -33.0 })
    {
        auto b = sineSequence (48000, 2, 1000, { { 20.0, level } });
        LoudnessMeter m;
        m.prepare (2, 48000);
        std::vector<const float*> p { b.channels[0].data(), b.channels[1].data() };
        m.process (p.data(), (int) b.numFrames());
        CHECK (m.momentaryLufs() == Approx (level).margin (0.1));
        CHECK (m.shortTermLufs() == Approx (level).margin (0.1));
        REQUIRE (m.integratedLufs());
        CHECK (*m.integratedLufs() == Approx (level).margin (0.1));
    }
}

TEST_CASE ("Tech 3341 cases 3-5: gating sequences read -23 LUFS integrated", "[loudness]")
{
    const std::vector<std::vector<std::pair<double, double>>> cases {
        { { 10, -36 }, { 60, -23 }, { 10, -36 } },
        { { 10, -72 }, { 10, -36 }, { 60, -23 }, { 10, -36 }, { 10, -72 } },
        { { 20, -26 }, { 20.1, -20 }, { 20, -26 } },
    };
    for (auto& c : cases)
    {
        auto r = measure (sineSequence (48000, 2, 1000, c));
        REQUIRE (r.integratedLufs);
        CHECK (*r.integratedLufs == Approx (-23.0).margin (0.1));
    }
}

TEST_CASE ("Tech 3341 case 6: 5.1 sines (LFE silent) read -23 LUFS", "[loudness]")
{
    const std::vector<double> levels { -28, -28, -24, -200, -30, -30 };
    audio::AudioBuffer b (6, 20 * 48000, 48000);
    for (int c = 0; c < 6; ++c)
        if (levels[(size_t) c] > -100)
            b.channels[(size_t) c] = sineSequence (48000, 1, 1000, { { 20.0, levels[(size_t) c] } }).channels[0];
    auto r = measure (b);
    REQUIRE (r.integratedLufs);
    CHECK (*r.integratedLufs == Approx (-23.0).margin (0.1));

    // LFE carries no weight: a loud LFE does not move the reading.
    b.channels[3] = sineSequence (48000, 1, 60, { { 20.0, -6 } }).channels[0];
    CHECK (*measure (b).integratedLufs == Approx (-23.0).margin (0.1));
}

TEST_CASE ("Tech 3341 cases 9 and 11: short-term and momentary of fast alternations read -23", "[loudness]")
{
    std::vector<std::pair<double, double>> shortTerm, momentary;
    for (int i = 0; i < 10; ++i)
        shortTerm.insert (shortTerm.end(), { { 1.34, -20 }, { 1.66, -30 } });
    for (int i = 0; i < 30; ++i)
        momentary.insert (momentary.end(), { { 0.18, -20 }, { 0.22, -30 } });

    auto check = [] (const audio::AudioBuffer& b, bool useShortTerm)
    {
        LoudnessMeter m;
        m.prepare (2, 48000);
        const int hop = 4800;
        std::vector<const float*> p { b.channels[0].data(), b.channels[1].data() };
        for (std::int64_t pos = 0; pos + hop <= b.numFrames(); pos += hop)
        {
            std::vector<const float*> q { p[0] + pos, p[1] + pos };
            m.process (q.data(), hop);
            // Windows that hold whole periods: every full-period window reads -23.
            const auto done = m.subBlocksDone();
            if (useShortTerm && done >= 30 && done % 30 == 0)
                CHECK (m.shortTermLufs() == Approx (-23.0).margin (0.1));
            if (! useShortTerm && done >= 4 && done % 4 == 0)
                CHECK (m.momentaryLufs() == Approx (-23.0).margin (0.1));
        }
    };
    check (sineSequence (48000, 2, 1000, shortTerm), true);
    check (sineSequence (48000, 2, 1000, momentary), false);
}

TEST_CASE ("Tech 3341 cases 10 and 12: maxima of short bursts read -23", "[loudness]")
{
    std::vector<std::pair<double, double>> st { { 2, -200 } }, mom { { 1, -200 } };
    for (int i = 0; i < 5; ++i)
    {
        st.insert (st.end(), { { 3.0, -23 }, { 4.0, -200 } });
        mom.insert (mom.end(), { { 0.4, -23 }, { 1.0, -200 } });
    }
    auto s = measure (sineSequence (48000, 2, 1000, st));
    auto m = measure (sineSequence (48000, 2, 1000, mom));
    REQUIRE (s.shortTermMaxLufs);
    REQUIRE (m.momentaryMaxLufs);
    CHECK (*s.shortTermMaxLufs == Approx (-23.0).margin (0.1));
    CHECK (*m.momentaryMaxLufs == Approx (-23.0).margin (0.1));
}

TEST_CASE ("Tech 3341 case 13: a 0.4 s burst at any offset from the 100 ms grid reads -23 momentary", "[loudness]")
{
    // 20 files, the burst starting 1.0 s + k * 5.17 ms in (k = 0..19, sweeping the 100 ms
    // grid at offsets that are not multiples of it), and the same for a 3 s short-term burst.
    for (double rate : { 44100.0, 48000.0 })
        for (int k = 0; k < 20; ++k)
        {
            const double lead = 1.0 + 0.00517 * k;
            auto m = measure (sineSequence (rate, 2, 1000, { { lead, -200 }, { 0.4, -23 }, { 1.0, -200 } }));
            auto s = measure (sineSequence (rate, 2, 1000, { { lead + 2.0, -200 }, { 3.0, -23 }, { 1.0, -200 } }));
            INFO (rate << " Hz, burst at " << lead << " s");
            REQUIRE (m.momentaryMaxLufs);
            REQUIRE (s.shortTermMaxLufs);
            CHECK (*m.momentaryMaxLufs == Approx (-23.0).margin (0.1));
            CHECK (*s.shortTermMaxLufs == Approx (-23.0).margin (0.1));
        }
}

TEST_CASE ("BS.1770: 997 Hz at 0 dBFS in one channel reads -3.01 LKFS at every rate", "[loudness]")
{
    for (double rate : { 44100.0, 48000.0, 88200.0, 96000.0 })
    {
        auto r = measure (sineSequence (rate, 1, 997, { { 5.0, 0.0 } }));
        REQUIRE (r.integratedLufs);
        CHECK (*r.integratedLufs == Approx (-3.01).margin (0.02));
        auto st = measure (sineSequence (rate, 2, 1000, { { 5.0, -23.0 } }));
        CHECK (*st.integratedLufs == Approx (-23.0).margin (0.1));
    }
}

TEST_CASE ("silence and input shorter than one block have no integrated loudness", "[loudness]")
{
    auto silent = measure (audio::AudioBuffer (2, 48000 * 5, 48000));
    CHECK_FALSE (silent.integratedLufs);
    CHECK_FALSE (silent.lraLu);
    CHECK_FALSE (silent.truePeakDbtp);
    auto shortOne = measure (sineSequence (48000, 2, 1000, { { 0.3, -20 } }));
    CHECK_FALSE (shortOne.integratedLufs);
    CHECK_FALSE (shortOne.momentaryMaxLufs);
    REQUIRE (shortOne.samplePeakDbfs);
    CHECK (*shortOne.samplePeakDbfs == Approx (-20.0).margin (0.01));
    auto j = toJson (shortOne);
    CHECK (j["integrated_lufs"].is_null());
    CHECK (j["lra_lu"].is_null());
}
