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
    stepsPerSubBlock = 30;
    while (subBlockLength % stepsPerSubBlock != 0)
        --stepsPerSubBlock;
    stepLength = subBlockLength / stepsPerSubBlock;
    stepChannelSums.assign ((size_t) channels, 0.0);
    stepRing.assign ((size_t) (ringSize * stepsPerSubBlock), 0.0);
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
    std::fill (stepChannelSums.begin(), stepChannelSums.end(), 0.0);
    std::fill (stepRing.begin(), stepRing.end(), 0.0);
    filled = stepFilled = stepsInSubBlock = 0;
    stepsDone = 0;
    momentarySum = shortTermSum = 0.0;
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
    // Cut at the same step boundaries commit() will use (it reads `stepFilled` unchanged).
    double* sums = segmentSums.data() + channel * maxSegments;
    const bool weighted = weights[(size_t) channel] != 0.0;
    int position = stepFilled, segment = 0;
    for (int done = 0; done < n; ++segment)
    {
        const int chunk = std::min (n - done, stepLength - position);
        sums[segment] = weighted ? filters[(size_t) channel].sumOfSquares (x + done, chunk) : 0.0;
        position = (position + chunk) % stepLength;
        done += chunk;
    }
}

void LoudnessMeter::commit (int n) noexcept
{
    for (int done = 0, segment = 0; done < n; ++segment)
    {
        const int chunk = std::min (n - done, stepLength - stepFilled);
        for (int c = 0; c < numChannels; ++c)
            stepChannelSums[(size_t) c] += segmentSums[(size_t) (c * maxSegments + segment)];
        stepFilled += chunk;
        filled += chunk;
        done += chunk;
        if (stepFilled == stepLength)
            finishStep();
    }
}

void LoudnessMeter::finishStep() noexcept
{
    double energy = 0.0;
    for (int c = 0; c < numChannels; ++c)
    {
        const double s = stepChannelSums[(size_t) c];
        energy += weights[(size_t) c] * s;
        channelSums[(size_t) c] += s;
        stepChannelSums[(size_t) c] = 0.0;
    }
    stepFilled = 0;

    // Sliding sums over the last 400 ms and 3 s of steps; the maxima see every position.
    const auto size = (std::int64_t) stepRing.size();
    const std::int64_t momentarySteps = 4 * stepsPerSubBlock;
    const double leavingShortTerm = stepRing[(size_t) (stepsDone % size)];
    const double leavingMomentary = stepsDone >= momentarySteps ? stepRing[(size_t) ((stepsDone - momentarySteps) % size)] : 0.0;
    stepRing[(size_t) (stepsDone % size)] = energy;
    ++stepsDone;
    momentarySum += energy - leavingMomentary;
    shortTermSum += energy - leavingShortTerm;
    if (stepsDone >= momentarySteps)
        momentaryMax = std::max (momentaryMax, energyToLufs (std::max (0.0, momentarySum) / (double) (momentarySteps * stepLength)));
    if (stepsDone >= size)
        shortTermMax = std::max (shortTermMax, energyToLufs (std::max (0.0, shortTermSum) / (double) (size * stepLength)));

    if (++stepsInSubBlock == stepsPerSubBlock)
    {
        stepsInSubBlock = 0;
        // Re-add the sliding sums from scratch once a sub-block so rounding never drifts.
        momentarySum = shortTermSum = 0.0;
        for (std::int64_t i = 1; i <= std::min (stepsDone, size); ++i)
        {
            const double e = stepRing[(size_t) ((stepsDone - i) % size)];
            shortTermSum += e;
            if (i <= momentarySteps)
                momentarySum += e;
        }
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
        blocks.add (windowEnergy (4));
    if (completed >= ringSize)
        shortTerms.add (windowEnergy (ringSize));
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
