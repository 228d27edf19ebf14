#include "Engine/Meter.h"
#include "Dsp/BiquadDesign.h"
#include "Dsp/Decibels.h"

#include <algorithm>

namespace loopstage::engine
{
StripMeter::StripMeter (int channels, double sampleRate) : numChannels (std::min (channels, 6))
{
    shelf = dsp::kWeightingShelf (sampleRate);
    highPass = dsp::kWeightingHighPass (sampleRate);
    for (int c = 0; c < numChannels; ++c)
        weight[(size_t) c] = numChannels == 6 ? (c == 3 ? 0.0 : (c >= 4 ? 1.41 : 1.0)) : 1.0;
    blockLength = std::max (1, (int) std::lround (sampleRate / 10.0));
}

void StripMeter::process (const float* const* channels, int count) noexcept
{
    for (int c = 0; c < numChannels; ++c)
    {
        float peak = 0.0f;
        for (int i = 0; i < count; ++i)
            peak = std::max (peak, std::abs (channels[c][i]));
        auto& p = peaks[(size_t) c];
        if (peak > p.load (std::memory_order_relaxed))
            p.store (peak, std::memory_order_relaxed);
        auto& h = holds[(size_t) c];
        if (peak > h.load (std::memory_order_relaxed))
            h.store (peak, std::memory_order_relaxed);
    }

    int done = 0;
    while (done < count)
    {
        const int n = std::min (count - done, blockLength - blockFill);
        for (int c = 0; c < numChannels; ++c)
        {
            if (weight[(size_t) c] == 0.0)
                continue;
            auto& z = state[(size_t) c];
            double sum = 0.0;
            const float* x = channels[c] + done;
            for (int i = 0; i < n; ++i)
            {
                const double h = highPass.process (shelf.process (x[i], z[0], z[1]), z[2], z[3]);
                sum += h * h;
            }
            blockSum += weight[(size_t) c] * sum;
        }
        blockFill += n;
        done += n;
        if (blockFill == blockLength)
        {
            lastBlocks[(size_t) blockIndex] = blockSum / blockLength;
            blockIndex = (blockIndex + 1) % 4;
            blockSum = 0.0;
            blockFill = 0;
            const double mean = (lastBlocks[0] + lastBlocks[1] + lastBlocks[2] + lastBlocks[3]) / 4.0;
            momentary.store (mean > 0.0 ? (float) (-0.691 + dsp::powerToDb (mean)) : -INFINITY,
                             std::memory_order_relaxed);
        }
    }
}
} // namespace loopstage::engine
