// Streaming: any block size and any thread count give the same numbers; the live meter
// allocates nothing in process().
#include "Loudness/LoudnessAnalysis.h"
#include "Loudness/LoudnessMeter.h"
#include "Signals.h"

#include <catch2/catch.hpp>
#include <random>

using namespace loopstage;
using namespace loopstage::loudness;

namespace
{
audio::AudioBuffer noiseBursts (double rate, int channels, double seconds)
{
    std::mt19937 rng (3);
    std::normal_distribution<float> n (0.0f, 1.0f);
    audio::AudioBuffer b (channels, (std::int64_t) (seconds * rate), rate);
    for (auto& ch : b.channels)
        for (size_t i = 0; i < ch.size(); ++i)
            ch[i] = n (rng) * 0.05f * (1.0f + 0.9f * (float) std::sin (i * 6.0 / rate));
    return b;
}
} // namespace

TEST_CASE ("block size and threads do not change any reading", "[loudness]")
{
    auto b = noiseBursts (48000, 2, 12.0);
    AnalysisOptions one, many;
    one.threads = 1;
    many.threads = 4;
    one.dialogue = many.dialogue = true;
    auto r1 = analyseBuffer (b, one), r2 = analyseBuffer (b, many);
    CHECK (toJson (r1) == toJson (r2));
    CHECK (*r1.integratedLufs == *r2.integratedLufs);

    LoudnessMeter m;
    m.prepare (2, 48000);
    std::int64_t pos = 0;
    for (int block : { 1, 17, 480, 4800, 10000 })
        for (int k = 0; k < 20 && pos + block <= b.numFrames(); ++k, pos += block)
        {
            const float* p[] = { b.channels[0].data() + pos, b.channels[1].data() + pos };
            m.process (p, block);
        }
    const float* p[] = { b.channels[0].data() + pos, b.channels[1].data() + pos };
    m.process (p, (int) (b.numFrames() - pos));
    CHECK (*m.integratedLufs() == Approx (*r1.integratedLufs).margin (1e-9));
    CHECK (*m.loudnessRangeLu() == Approx (*r1.lraLu).margin (1e-9));
}

TEST_CASE ("speech detector ignores steady tones and noise", "[loudness]")
{
    AnalysisOptions o;
    o.dialogue = true;
    auto tone = analyseBuffer (test::sineSequence (48000, 2, 440, { { 10, -20 } }), o);
    REQUIRE (tone.speechPercent);
    CHECK (*tone.speechPercent < 5.0);
    CHECK_FALSE (tone.dialogueLufs);
}
