#include "Engine/Meter.h"

#include <algorithm>

namespace loopstage::engine
{
StripMeter::StripMeter (int channels, double sampleRate) : numChannels (std::min (channels, 6))
{
    // K-weighting for any rate (the BS.1770 48 kHz coefficients re-derived by bilinear design,
    // as libebur128 does).
    {
        const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
        const double k = std::tan (M_PI * f0 / sampleRate);
        const double vh = std::pow (10.0, gainDb / 20.0);
        const double vb = std::pow (vh, 0.4996667741545416);
        const double a0 = 1.0 + k / q + k * k;
        shelf = { (vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                  2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0 };
    }
    {
        const double f0 = 38.13547087602444, q = 0.5003270373238773;
        const double k = std::tan (M_PI * f0 / sampleRate);
        const double a0 = 1.0 + k / q + k * k;
        highPass = { 1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0 };
    }
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
                // Transposed direct form II, shelf then high-pass.
                const double in = x[i];
                const double s = shelf.b0 * in + z[0];
                z[0] = shelf.b1 * in - shelf.a1 * s + z[1];
                z[1] = shelf.b2 * in - shelf.a2 * s;
                const double h = highPass.b0 * s + z[2];
                z[2] = highPass.b1 * s - highPass.a1 * h + z[3];
                z[3] = highPass.b2 * s - highPass.a2 * h;
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
            momentary.store (mean > 0.0 ? (float) (-0.691 + 10.0 * std::log10 (mean)) : -INFINITY,
                             std::memory_order_relaxed);
        }
    }
}
} // namespace loopstage::engine
