// True peak per EBU Tech 3341 cases 15-19 (fs/4 sines at several phases) and tones of known
// amplitude at random phases: within +0.2/-0.4 dB, at 8x and 16x.
#include "Loudness/LoudnessAnalysis.h"
#include "Loudness/TruePeakMeter.h"
#include "Signals.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace loopstage;
using namespace loopstage::loudness;

namespace
{
double truePeakDb (const audio::AudioBuffer& b, int factor, int block = 1000)
{
    TruePeakMeter m;
    m.prepare (b.numChannels(), factor, 512);
    const float* p = b.channels[0].data();
    for (std::int64_t pos = 0; pos < b.numFrames(); pos += block)
    {
        const float* q = p + pos;
        m.process (&q, (int) std::min<std::int64_t> (block, b.numFrames() - pos));
    }
    m.flush();
    return toDecibels (m.truePeak());
}
} // namespace

TEST_CASE ("Tech 3341 cases 15-18: fs/4 sines at -6 dBTP whatever the phase", "[loudness]")
{
    for (double phase : { 0.0, 45.0, 60.0, 67.5 })
        for (int factor : { 8, 16 })
        {
            auto b = test::sine (48000, 1.0, 12000, 0.5, phase);
            const double tp = truePeakDb (b, factor);
            INFO ("phase " << phase << " factor " << factor);
            CHECK (tp <= -6.02 + 0.2);
            CHECK (tp >= -6.02 - 0.4);
        }
}

TEST_CASE ("Tech 3341 case 19: fs/4 sine with samples at full scale reads +3 dBTP", "[loudness]")
{
    auto b = test::sine (48000, 1.0, 12000, std::sqrt (2.0), 45.0);
    const double tp = truePeakDb (b, 8);
    CHECK (tp == Approx (3.01).margin (0.2));
    CHECK (toDecibels (b.channels[0][100]) <= 0.01);
}

TEST_CASE ("true peak of tones at random phases is within +0.2/-0.4 dB at 44.1-96 kHz", "[loudness]")
{
    std::mt19937 rng (7);
    std::uniform_real_distribution<double> phase (0.0, 360.0);
    for (double rate : { 44100.0, 48000.0, 96000.0 })
        for (double hz : { 997.0, 5000.0, 11025.0, 15000.0, 19000.0 })
        {
            auto b = test::sine (rate, 0.25, hz, 0.7, phase (rng));
            // Fade in and out over 20 ms: a tone switched on abruptly rings above its amplitude.
            auto& x = b.channels[0];
            const size_t fade = (size_t) (0.02 * rate);
            for (size_t i = 0; i < fade; ++i)
            {
                const float g = (float) (0.5 - 0.5 * std::cos (M_PI * (double) i / (double) fade));
                x[i] *= g;
                x[x.size() - 1 - i] *= g;
            }
            for (int factor : { 8, 16 })
            {
                const double tp = truePeakDb (b, factor, 333);
                INFO (rate << " Hz rate, " << hz << " Hz tone, " << factor << "x");
                CHECK (tp - toDecibels (0.7) <= 0.2);
                CHECK (tp - toDecibels (0.7) >= (factor == 16 ? -0.1 : -0.2));
            }
        }
}

TEST_CASE ("a single full-scale sample's inter-sample overshoot is caught, and blocks do not matter", "[loudness]")
{
    audio::AudioBuffer b (1, 4800, 48000);
    for (int i = 0; i < 4800; ++i)
        b.channels[0][(size_t) i] = (i / 2) % 2 == 0 ? 0.9f : -0.9f;   // fs/4 square: overshoots
    const double a = truePeakDb (b, 8, 4800), c = truePeakDb (b, 8, 7);
    CHECK (a == c);
    CHECK (a > toDecibels (0.9) + 2.5);
}
