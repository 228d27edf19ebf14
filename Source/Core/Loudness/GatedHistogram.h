#pragma once
/** Loudness values of gating blocks kept as a histogram (0.01 LU bins from -70 to +30 LUFS), so
    integrated loudness and LRA of any length of programme need fixed memory, allocated once:
    the live meter keeps running for hours on the audio thread without allocating.

    Each bin holds a count and the sum of the blocks' mean-square energies, so the gated power
    mean is exact apart from blocks within 0.01 LU of the relative gate.
*/
#include <cstdint>
#include <optional>
#include <vector>

namespace loopstage::loudness
{
/** Mean square (K-weighted, channel-weighted) → LUFS, -inf for 0. */
double energyToLufs (double energy) noexcept;
double lufsToEnergy (double lufs) noexcept;

class GatedHistogram
{
public:
    GatedHistogram();

    void clear() noexcept;

    /** Adds one block of `energy` (mean square); blocks at or below -70 LUFS are dropped by the
        absolute gate. @realtime */
    void add (double energy) noexcept;

    /** BS.1770-4 integrated loudness: power mean of the blocks above the relative gate
        (`relativeGateLu` below the absolute-gated mean). Empty when nothing passes. */
    std::optional<double> gatedLoudness (double relativeGateLu = -10.0) const noexcept;

    /** EBU Tech 3342 loudness range: 95th minus 10th percentile of the blocks above the -20 LU
        relative gate. Empty when nothing passes. */
    std::optional<double> loudnessRange() const noexcept;

    std::int64_t blocksAboveAbsoluteGate() const noexcept { return total; }

private:
    static constexpr double minLufs = -70.0, binWidth = 0.01;
    static constexpr int numBins = 10000;
    std::vector<std::uint32_t> counts;
    std::vector<double> energies;
    std::int64_t total = 0;

    int relativeGateBin (double relativeGateLu) const noexcept;
};
} // namespace loopstage::loudness
