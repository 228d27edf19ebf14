// Offline render is bit-identical across block sizes 32..4096, random block patterns and 1 vs N
// threads.
#include "EngineFixture.h"
#include "Engine/OfflineRenderer.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <random>

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
} // namespace

TEST_CASE ("offline render is bit-identical across block sizes and thread counts", "[engine]")
{
    TempDir dir ("engine-determinism");
    const auto plan = richPlan (dir, 12, 3.0);

    RenderOptions reference;
    reference.blockSize = 1024;
    const auto expected = renderMix (plan, reference);
    REQUIRE (expected.latency > 0);
    float peak = 0;
    for (float v : expected.printmaster.channels[0])
        peak = std::max (peak, std::abs (v));
    REQUIRE (peak > 0.05f);

    for (int block : { 32, 64, 100, 128, 256, 333, 512, 2048, 4096 })
    {
        RenderOptions o;
        o.blockSize = block;
        INFO ("block " << block);
        requireIdentical (expected, renderMix (plan, o));
    }

    const auto seed = std::random_device {}();
    INFO ("random block pattern seed " << seed);
    std::mt19937 random (seed);
    RenderOptions randomBlocks;
    for (int i = 0; i < 97; ++i)
        randomBlocks.blockPattern.push_back (std::uniform_int_distribution<int> (1, 4096) (random));
    requireIdentical (expected, renderMix (plan, randomBlocks));

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
