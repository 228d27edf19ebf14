// TruePeakLimiter: under the ceiling at 16x, transparent when not needed, block-size independent.
#include "Dsp/TruePeakLimiter.h"
#include "Loudness/TruePeakMeter.h"
#include "PeakySignal.h"

#include <catch2/catch.hpp>

using namespace loopstage;

namespace
{
using Reach = dsp::TruePeakDetector::Reach;

audio::AudioBuffer limit (audio::AudioBuffer b, double ceiling, float gain, int block, Reach reach = Reach::reference)
{
    dsp::TruePeakLimiter l;
    l.prepare (b.numChannels(), b.sampleRate, block, ceiling, 5.0, 80.0, reach);
    const int latency = l.latencySamples();
    for (auto& ch : b.channels)
    {
        for (auto& v : ch)
            v *= gain;
        ch.insert (ch.end(), (size_t) latency, 0.0f);
    }
    for (std::int64_t pos = 0; pos < b.numFrames(); pos += block)
    {
        std::vector<float*> p;
        for (auto& ch : b.channels)
            p.push_back (ch.data() + pos);
        l.process (p.data(), (int) std::min<std::int64_t> (block, b.numFrames() - pos));
    }
    for (auto& ch : b.channels)
        ch.erase (ch.begin(), ch.begin() + latency);
    return b;
}

/** The meters' reading: 16x, the reference reach. */
double truePeak16 (const audio::AudioBuffer& b)
{
    loudness::TruePeakMeter m;
    m.prepare (b.numChannels());
    std::vector<const float*> p;
    for (auto& ch : b.channels)
        p.push_back (ch.data());
    m.process (p.data(), (int) b.numFrames());
    m.flush();
    return loudness::toDecibels (m.truePeak());
}
} // namespace

TEST_CASE ("limiter keeps the 16x true peak under the ceiling", "[dsp]")
{
    // The peaky signal's transients alternate sample by sample from an abrupt start: they ring
    // between samples well before and after, as only a long interpolator sees.
    auto in = test::peakySignal (48000, 2, 4.0);
    for (float gain : { 1.0f, 2.0f, 4.0f })
    {
        auto out = limit (in, -1.0, gain, 512);
        INFO ("gain " << gain);
        CHECK (truePeak16 (out) <= -1.0);
    }
}

TEST_CASE ("the live limiter holds the ceiling on programme, with 256 samples of detector latency", "[dsp]")
{
    dsp::TruePeakLimiter l;
    l.prepare (2, 48000, 512, -1.0);
    CHECK (l.latencySamples() == 256 + 4 + 240 - 1);
    // The same programme without content at Nyquist (a [1 2 1] / 4 low-pass): the live reach
    // reads it as the meters do.
    auto in = test::peakySignal (48000, 2, 4.0);
    for (auto& ch : in.channels)
    {
        const auto x = ch;
        for (size_t i = 1; i + 1 < ch.size(); ++i)
            ch[i] = 0.25f * x[i - 1] + 0.5f * x[i] + 0.25f * x[i + 1];
    }
    for (float gain : { 2.0f, 4.0f })
    {
        auto out = limit (in, -1.0, gain, 512, Reach::live);
        INFO ("gain " << gain);
        CHECK (truePeak16 (out) <= -1.0);
    }
}

TEST_CASE ("limiter leaves quiet audio untouched apart from its latency", "[dsp]")
{
    auto in = test::peakySignal (44100, 1, 2.0);
    auto out = limit (in, -1.0, 0.25f, 300);
    REQUIRE (out.numFrames() == in.numFrames());
    for (size_t i = 0; i < in.channels[0].size(); ++i)
        REQUIRE (out.channels[0][i] == in.channels[0][i] * 0.25f);
}

TEST_CASE ("limiter output does not depend on the block size", "[dsp]")
{
    auto in = test::peakySignal (48000, 2, 2.0);
    auto a = limit (in, -2.0, 2.0f, 64), b = limit (in, -2.0, 2.0f, 4096);
    CHECK (a.channels == b.channels);
}

