#include "Dsp/Oversampler.h"
#include "Dsp/WindowedSinc.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
std::vector<double> interpolatorTaps (int factor, int tapsPerPhase, double kaiserBeta)
{
    const int length = factor * tapsPerPhase;
    const double pi = 3.14159265358979323846, centre = length / 2.0;
    // The window spans length + 1 points centred on the sinc's peak; its last point (the
    // one a symmetric odd-length filter would have) is dropped: it is ~1e-4 of a far tap.
    std::vector<double> h ((size_t) length);
    double sum = 0.0;
    for (int i = 0; i < length; ++i)
    {
        const double t = i - centre;
        h[(size_t) i] = sinc (pi * t / factor) * (kaiserUnscaled (t / centre, kaiserBeta) / besselI0 (kaiserBeta));
        sum += h[(size_t) i];
    }
    for (auto& v : h)
        v *= factor / sum;
    return h;
}

void Oversampler::prepare (int factor, int tapsPerPhase, double kaiserBeta, int maxBlock)
{
    phases = std::max (1, factor);
    taps = tapsPerPhase;
    blockCapacity = maxBlock;
    const auto h = interpolatorTaps (phases, taps, kaiserBeta);
    coefficients.assign ((size_t) (phases * taps), 0.0f);
    l1Bound = 0.0f;
    for (int p = 0; p < phases; ++p)
    {
        double l1 = 0.0;
        for (int k = 0; k < taps; ++k)
        {
            const double c = h[(size_t) (k * phases + p)];
            coefficients[(size_t) (p * taps + k)] = (float) c;
            l1 += std::abs (c);
        }
        l1Bound = std::max (l1Bound, (float) l1 * 1.0001f);
    }
    buffer.assign ((size_t) (taps - 1 + maxBlock), 0.0f);
    scratch.assign ((size_t) maxBlock, 0.0f);
}

void Oversampler::reset() noexcept
{
    std::fill (buffer.begin(), buffer.end(), 0.0f);
}

void Oversampler::load (const float* x, int n) noexcept
{
    std::copy (x, x + n, buffer.begin() + (taps - 1));
}

void Oversampler::keepHistory (int n) noexcept
{
    std::copy (buffer.begin() + n, buffer.begin() + n + (taps - 1), buffer.begin());
}

const float* Oversampler::interpolate (int phase, int n) noexcept
{
    const float* base = buffer.data() + (taps - 1);
    const float* h = coefficients.data() + phase * taps;
    float* acc = scratch.data();
    std::fill (acc, acc + n, 0.0f);
    // Taps outer, samples inner: the inner loop vectorises across output samples.
    for (int k = 0; k < taps; ++k)
    {
        const float c = h[k];
        const float* src = base - k;
        for (int i = 0; i < n; ++i)
            acc[i] += c * src[i];
    }
    return acc;
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
