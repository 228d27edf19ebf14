#include "Dsp/Oversampler.h"
#include "Dsp/WindowedSinc.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
void Oversampler::prepare (int factor, int maxBlock)
{
    phases = std::max (1, factor);
    blockCapacity = maxBlock;
    const int length = phases * tapsPerPhase;
    const double pi = 3.14159265358979323846, beta = 7.0, cutoff = 0.5 / phases;
    std::vector<double> h ((size_t) length);
    double sum = 0.0;
    for (int i = 0; i < length; ++i)
    {
        const double t = i - (length - 1) / 2.0;
        const double x = 2.0 * cutoff * t;
        const double r = 2.0 * i / (length - 1) - 1.0;
        // t is never 0 (the length is even), so sinc's special case at 0 is never taken.
        h[(size_t) i] = sinc (pi * x) * (kaiserUnscaled (r, beta) / besselI0 (beta));
        sum += h[(size_t) i];
    }
    coefficients.assign ((size_t) length, 0.0f);
    l1Bound = 0.0f;
    for (int p = 0; p < phases; ++p)
    {
        double l1 = 0.0;
        for (int k = 0; k < tapsPerPhase; ++k)
        {
            const double c = h[(size_t) (k * phases + p)] * phases / sum;
            coefficients[(size_t) (p * tapsPerPhase + k)] = (float) c;
            l1 += std::abs (c);
        }
        l1Bound = std::max (l1Bound, (float) l1 * 1.0001f);
    }
    buffer.assign ((size_t) (tapsPerPhase - 1 + maxBlock), 0.0f);
    scratch.assign ((size_t) maxBlock, 0.0f);
}

void Oversampler::reset() noexcept
{
    std::fill (buffer.begin(), buffer.end(), 0.0f);
}

void Oversampler::load (const float* x, int n) noexcept
{
    std::copy (x, x + n, buffer.begin() + (tapsPerPhase - 1));
}

void Oversampler::keepHistory (int n) noexcept
{
    // The last 15 samples are the next block's history.
    std::copy (buffer.begin() + n, buffer.begin() + n + (tapsPerPhase - 1), buffer.begin());
}

const float* Oversampler::interpolate (int phase, int n) noexcept
{
    const float* base = buffer.data() + (tapsPerPhase - 1);
    const float* h = coefficients.data() + phase * tapsPerPhase;
    float* acc = scratch.data();
    std::fill (acc, acc + n, 0.0f);
    // Taps outer, samples inner: the inner loop vectorises across output samples.
    for (int k = 0; k < tapsPerPhase; ++k)
    {
        const float c = h[k];
        const float* src = base - k;
        for (int i = 0; i < n; ++i)
            acc[i] += c * src[i];
    }
    return acc;
}

float Oversampler::peak (const float* x, int n) noexcept
{
    load (x, n);
    float best = 0.0f;
    for (int p = 0; p < phases; ++p)
    {
        const float* acc = interpolate (p, n);
        float m = 0.0f;
        for (int i = 0; i < n; ++i)
            m = std::max (m, std::fabs (acc[i]));
        best = std::max (best, m);
    }
    keepHistory (n);
    return best;
}

void Oversampler::skip (const float* x, int n) noexcept
{
    load (x, n);
    keepHistory (n);
}

void Oversampler::peaksPerSample (const float* x, int n, float* out) noexcept
{
    load (x, n);
    std::fill (out, out + n, 0.0f);
    for (int p = 0; p < phases; ++p)
    {
        const float* acc = interpolate (p, n);
        for (int i = 0; i < n; ++i)
            out[i] = std::max (out[i], std::fabs (acc[i]));
    }
    keepHistory (n);
}
} // namespace loopstage::dsp
