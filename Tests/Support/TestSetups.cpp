#include "Support/TestSetups.h"

#include <catch2/catch.hpp>
#include <random>

namespace loopstage::test
{
std::string TestSetup::describe() const
{
    auto text = std::to_string ((int) sampleRate) + " Hz, ";
    if (randomBlocks.empty())
        return text + "blocks of " + std::to_string (blockSize);
    return text + std::to_string (randomBlocks.size()) + " random blocks of 1.." + std::to_string (blockSize)
           + " (--rng-seed " + std::to_string (seed) + ")";
}

std::vector<TestSetup> getTestSetups (const TestSetupOptions& options)
{
    // Catch's seed is 0 unless --rng-seed was given.
    const std::uint32_t seed = Catch::rngSeed() != 0 ? Catch::rngSeed() : std::random_device {}();
    std::mt19937 random (seed);
    std::vector<TestSetup> setups;
    for (const double rate : options.sampleRates)
    {
        if (options.fixedBlocks)
            for (const int block : options.blockSizes)
                setups.push_back ({ .sampleRate = rate, .blockSize = block });
        for (const int largest : options.randomMaxima)
        {
            TestSetup s { .sampleRate = rate, .blockSize = largest, .seed = seed };
            for (int i = 0; i < options.randomCount; ++i)
                s.randomBlocks.push_back (std::uniform_int_distribution<int> (1, largest) (random));
            setups.push_back (s);
        }
    }
    return setups;
}
} // namespace loopstage::test
