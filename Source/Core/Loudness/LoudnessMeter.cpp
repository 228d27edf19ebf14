#include "Loudness/LoudnessMeter.h"
#include "Loudness/ChannelWeights.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopstage::loudness
{
namespace
{
    constexpr double minusInf = -std::numeric_limits<double>::infinity();
}

void LoudnessMeter::prepare (int channels, double sampleRate, std::vector<double> w)
{
    numChannels = channels;
    subBlockLength = std::max (1, (int) std::lround (sampleRate / 10.0));
    filters.assign ((size_t) channels, dsp::KWeighting {});
    for (auto& f : filters)
        f.prepare (sampleRate);
    weights = w.empty() ? channelWeights (channels) : std::move (w);
    weights.resize ((size_t) channels, 1.0);
    channelSums.assign ((size_t) channels, 0.0);
    segmentSums.assign ((size_t) (channels * maxSegments), 0.0);
    reset();
}

void LoudnessMeter::reset() noexcept
{
    for (auto& f : filters)
        f.reset();
    std::fill (channelSums.begin(), channelSums.end(), 0.0);
    filled = 0;
    ring.fill (0.0);
    completed = 0;
    momentaryMax = shortTermMax = minusInf;
    blocks.clear();
    shortTerms.clear();
}

void LoudnessMeter::process (const float* const* channels, int n) noexcept
{
    for (int done = 0; done < n;)
    {
        const int piece = std::min (n - done, maxSplitFrames());
        for (int c = 0; c < numChannels; ++c)
            filterChannel (c, channels[c] + done, piece);
        commit (piece);
        done += piece;
    }
}

void LoudnessMeter::filterChannel (int channel, const float* x, int n) noexcept
{
    // Cut at the same sub-block boundaries commit() will use (it reads `filled` unchanged).
    double* sums = segmentSums.data() + channel * maxSegments;
    const bool weighted = weights[(size_t) channel] != 0.0;
    int position = filled, segment = 0;
    for (int done = 0; done < n; ++segment)
    {
        const int chunk = std::min (n - done, subBlockLength - position);
        sums[segment] = weighted ? filters[(size_t) channel].sumOfSquares (x + done, chunk) : 0.0;
        position = (position + chunk) % subBlockLength;
        done += chunk;
    }
}

void LoudnessMeter::commit (int n) noexcept
{
    for (int done = 0, segment = 0; done < n; ++segment)
    {
        const int chunk = std::min (n - done, subBlockLength - filled);
        for (int c = 0; c < numChannels; ++c)
            channelSums[(size_t) c] += segmentSums[(size_t) (c * maxSegments + segment)];
        filled += chunk;
        done += chunk;
        if (filled == subBlockLength)
            finishSubBlock();
    }
}

void LoudnessMeter::finishSubBlock() noexcept
{
    double energy = 0.0;
    for (int c = 0; c < numChannels; ++c)
    {
        energy += weights[(size_t) c] * channelSums[(size_t) c];
        channelSums[(size_t) c] = 0.0;
    }
    energy /= (double) subBlockLength;
    filled = 0;
    ring[(size_t) (completed % ringSize)] = energy;
    ++completed;
    if (history != nullptr)
        history->push_back (energy);

    if (completed >= 4)
    {
        const double block = windowEnergy (4);
        blocks.add (block);
        momentaryMax = std::max (momentaryMax, energyToLufs (block));
    }
    if (completed >= ringSize)
    {
        const double st = windowEnergy (ringSize);
        shortTerms.add (st);
        shortTermMax = std::max (shortTermMax, energyToLufs (st));
    }
}

double LoudnessMeter::windowEnergy (int subBlocks) const noexcept
{
    double sum = 0.0;
    for (int i = 1; i <= subBlocks; ++i)
        sum += ring[(size_t) ((completed - i) % ringSize)];
    return sum / subBlocks;
}

double LoudnessMeter::momentaryLufs() const noexcept
{
    return completed >= 4 ? energyToLufs (windowEnergy (4)) : minusInf;
}

double LoudnessMeter::shortTermLufs() const noexcept
{
    return completed >= ringSize ? energyToLufs (windowEnergy (ringSize)) : minusInf;
}

std::optional<double> integratedFromHistory (const std::vector<double>& subBlocks,
                                             const std::vector<bool>& include)
{
    GatedHistogram h;
    for (size_t i = 3; i < subBlocks.size() && i < include.size(); ++i)
        if (include[i])
            h.add ((subBlocks[i - 3] + subBlocks[i - 2] + subBlocks[i - 1] + subBlocks[i]) / 4.0);
    return h.gatedLoudness();
}
} // namespace loopstage::loudness
