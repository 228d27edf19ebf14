#include "Loudness/GatedHistogram.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopstage::loudness
{
double energyToLufs (double energy) noexcept
{
    return energy > 0.0 ? -0.691 + dsp::powerToDb (energy) : -std::numeric_limits<double>::infinity();
}

double lufsToEnergy (double lufs) noexcept
{
    return dsp::dbToPower (lufs + 0.691);
}

GatedHistogram::GatedHistogram()
    : counts ((size_t) numBins, 0), energies ((size_t) numBins, 0.0)
{
}

void GatedHistogram::clear() noexcept
{
    std::fill (counts.begin(), counts.end(), 0u);
    std::fill (energies.begin(), energies.end(), 0.0);
    total = 0;
}

void GatedHistogram::add (double energy) noexcept
{
    const double lufs = energyToLufs (energy);
    if (! (lufs > minLufs))
        return;
    const int bin = std::min (numBins - 1, (int) ((lufs - minLufs) / binWidth));
    ++counts[(size_t) bin];
    energies[(size_t) bin] += energy;
    ++total;
}

int GatedHistogram::relativeGateBin (double relativeGateLu) const noexcept
{
    double sum = 0.0;
    for (int i = 0; i < numBins; ++i)
        sum += energies[(size_t) i];
    const double gate = energyToLufs (sum / (double) total) + relativeGateLu;
    // A bin counts when its lower edge is at or above the gate; the gate itself is exact to 0.01 LU.
    return std::clamp ((int) std::ceil ((gate - minLufs) / binWidth - 1e-9), 0, numBins);
}

std::optional<double> GatedHistogram::gatedLoudness (double relativeGateLu) const noexcept
{
    if (total == 0)
        return std::nullopt;
    const int first = relativeGateBin (relativeGateLu);
    double sum = 0.0;
    std::int64_t n = 0;
    for (int i = first; i < numBins; ++i)
    {
        sum += energies[(size_t) i];
        n += counts[(size_t) i];
    }
    if (n == 0)
        return std::nullopt;
    return energyToLufs (sum / (double) n);
}

std::optional<double> GatedHistogram::loudnessRange() const noexcept
{
    if (total == 0)
        return std::nullopt;
    const int first = relativeGateBin (-20.0);
    std::int64_t n = 0;
    for (int i = first; i < numBins; ++i)
        n += counts[(size_t) i];
    if (n == 0)
        return std::nullopt;

    // Nearest-rank percentiles of the gated values, each read at its bin's centre.
    auto percentile = [&] (double p)
    {
        const auto rank = (std::int64_t) std::llround (p * (double) (n - 1));
        std::int64_t seen = 0;
        for (int i = first; i < numBins; ++i)
        {
            seen += counts[(size_t) i];
            if (seen > rank)
                return minLufs + (i + 0.5) * binWidth;
        }
        return minLufs + (numBins - 0.5) * binWidth;
    };
    return percentile (0.95) - percentile (0.10);
}
} // namespace loopstage::loudness
