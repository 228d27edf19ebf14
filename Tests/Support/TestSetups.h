#pragma once
/** The operating points a render must not care about (after Tracktion's getTestSetups): sample
    rates x block sizes x fixed or random block sequences. A render test runs its mix at each
    and requires the same result, so a bug that shows only at 1-sample blocks, at 96 kHz or at a
    block size change is found where it happens.

    Random sequences come from Catch's --rng-seed when given, else from a fresh seed; describe()
    names it, so a failure replays with `--rng-seed <seed>`. */
#include <cstdint>
#include <string>
#include <vector>

namespace loopstage::test
{
struct TestSetup
{
    double sampleRate = 48000.0;
    int blockSize = 512;             ///< the fixed size, or the largest of the random ones
    std::vector<int> randomBlocks;   ///< empty: every block is blockSize; else sizes cycled through
    std::uint32_t seed = 0;          ///< of randomBlocks

    /** "48000 Hz, blocks of 512" or "48000 Hz, 97 random blocks of 1..4096 (--rng-seed 123)". */
    std::string describe() const;
};

struct TestSetupOptions
{
    std::vector<double> sampleRates { 44100.0, 48000.0, 96000.0 };
    std::vector<int> blockSizes { 1, 32, 64, 480, 512, 1024, 4096 };
    bool fixedBlocks = true;
    std::vector<int> randomMaxima { 4096 };   ///< one random sequence per rate for each largest size
    int randomCount = 97;                     ///< blocks in a random sequence (prime: it drifts against any period)
};

/** Every combination `options` asks for, rates outermost; one seed for the whole sweep. */
std::vector<TestSetup> getTestSetups (const TestSetupOptions& options = {});
} // namespace loopstage::test
