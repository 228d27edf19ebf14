// Offline render is bit-identical at every operating point of Support/TestSetups (block sizes
// 1..4096, random block sequences, 44.1/48/96 kHz) and for 1 vs N threads.
#include "EngineFixture.h"
#include "Engine/OfflineRenderer.h"

#include <catch2/catch.hpp>
#include <cstring>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

namespace
{
/** Bitwise equality of every sample (memcmp: -0 and +0 differ, NaNs compare). */
bool identical (const audio::AudioBuffer& a, const audio::AudioBuffer& b)
{
    if (a.numChannels() != b.numChannels() || a.numFrames() != b.numFrames())
        return false;
    for (size_t c = 0; c < a.channels.size(); ++c)
        if (std::memcmp (a.channels[c].data(), b.channels[c].data(), a.channels[c].size() * sizeof (float)) != 0)
            return false;
    return true;
}

void requireIdentical (const RenderedMix& a, const RenderedMix& b)
{
    REQUIRE (a.stems.size() == b.stems.size());
    for (size_t s = 0; s < a.stems.size(); ++s)
    {
        INFO ("stem " << a.stemNames[s]);
        REQUIRE (identical (a.stems[s], b.stems[s]));
    }
    REQUIRE (identical (a.printmaster, b.printmaster));
}


/** The mix rendered with 1024-sample blocks: what every other operating point must give. */
RenderedMix referenceRender (const MixPlan& plan)
{
    RenderOptions reference;
    reference.blockSize = 1024;
    const auto expected = renderMix (plan, reference);
    REQUIRE (expected.latency > 0);
    float peak = 0;
    for (float v : expected.printmaster.channels[0])
        peak = std::max (peak, std::abs (v));
    REQUIRE (peak > 0.05f);
    return expected;
}

void requireSameAtEverySetup (const MixPlan& plan, const RenderedMix& expected, const std::vector<TestSetup>& setups)
{
    for (const auto& setup : setups)
        if (setup.sampleRate == plan.sampleRate)
        {
            INFO (setup.describe());
            requireIdentical (expected, renderMix (plan, renderOptions (setup)));
        }
}
} // namespace

TEST_CASE ("offline render is bit-identical across block sizes and thread counts", "[engine]")
{
    TempDir dir ("engine-determinism");
    const auto plan = richPlan (dir, 12, 3.0);
    const auto expected = referenceRender (plan);

    // 48 kHz gets the whole sweep, with the odd sizes (100, 333) that split automation ramps,
    // fades and delay-line wraps at unaligned places.
    requireSameAtEverySetup (plan, expected,
                             getTestSetups ({ .sampleRates = { 48000.0 },
                                              .blockSizes = { 1, 32, 64, 100, 128, 256, 333, 480, 512, 2048, 4096 } }));

    for (int threads : { 2, 4 })
    {
        for (int block : { 64, 1024 })
        {
            RenderOptions o;
            o.blockSize = block;
            o.threads = threads;
            INFO ("threads " << threads << " block " << block);
            requireIdentical (expected, renderMix (plan, o));
        }
    }
}

TEST_CASE ("offline render is bit-identical across block sizes at 44.1 and 96 kHz", "[engine]")
{
    // Shorter mixes of the same shape (at least 6 tracks, one of each kind) keep the suite's time:
    // what differs at these rates is the filters' coefficients and sample counts, not the length.
    for (const auto& [rate, seconds] : { std::pair { 44100.0, 2.0 }, std::pair { 96000.0, 1.0 } })
    {
        TempDir dir ("engine-determinism-" + std::to_string ((int) rate));
        const auto plan = richPlan (dir, 6, seconds, rate);
        INFO (rate << " Hz");
        requireSameAtEverySetup (plan, referenceRender (plan), getTestSetups ({ .sampleRates = { rate } }));
    }
}
