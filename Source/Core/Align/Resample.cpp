#include "Align/Resample.h"
#include "Base/Error.h"
#include "Dsp/WindowedSinc.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace loopstage::align
{
namespace
{
    // The series stops at terms under 1e-12 of the sum (the tables were made that way).
    constexpr double besselTolerance = 1e-12;
} // namespace

Resampler::Resampler (int inRate, int outRate, double inputStart, int zeroCrossings, double rolloff)
{
    if (inRate <= 0 || outRate <= 0)
        throw InputError ("sample rate must be positive");
    const int g = std::gcd (inRate, outRate);
    up = outRate / g;
    down = inRate / g;
    if (up > 4096)
        throw InputError ("cannot convert between sample rates " + std::to_string (inRate) + " and "
                          + std::to_string (outRate) + " Hz");
    startWhole = (std::int64_t) std::floor (inputStart);
    const double startFraction = inputStart - (double) startWhole;
    identity = (up == down && startFraction == 0.0);
    if (identity)
        return;

    // Cut-off relative to the input rate: below both Nyquists.
    const double cutoff = rolloff * std::min (1.0, (double) up / (double) down);
    const double halfWidth = zeroCrossings / cutoff;            // input samples
    const int half = (int) std::ceil (halfWidth);
    taps = 2 * half;
    const double beta = 9.0;
    const double i0Beta = dsp::besselI0 (beta, besselTolerance);
    table.assign ((size_t) up * (size_t) taps, 0.0f);
    carry.assign ((size_t) up, 0);
    for (int p = 0; p < up; ++p)
    {
        const double position = (double) p / up + startFraction;
        const int whole = (int) std::floor (position);
        const double frac = position - whole;
        carry[(size_t) p] = whole;
        // Taps k cover input samples base - half + 1 + k, where base is the sample just before t.
        double sum = 0.0;
        for (int k = 0; k < taps; ++k)
        {
            const double u = frac + half - 1 - k;   // t - n
            double h = 0.0;
            if (std::abs (u) < halfWidth)
            {
                const double r = u / halfWidth;
                h = cutoff * dsp::sinc (M_PI * cutoff * u) * dsp::kaiserUnscaled (r, beta, besselTolerance) / i0Beta;
            }
            table[(size_t) p * (size_t) taps + (size_t) k] = (float) h;
            sum += h;
        }
        // Unity gain at DC for every phase, so a decimated level matches the original.
        for (int k = 0; k < taps; ++k)
            table[(size_t) p * (size_t) taps + (size_t) k] = (float) (table[(size_t) p * (size_t) taps + (size_t) k] / sum);
    }
}

double Resampler::inputTimeOf (std::int64_t j) const noexcept
{
    return (double) startWhole + (double) j * down / up;
}

std::pair<std::int64_t, std::int64_t> Resampler::inputSpanOf (std::int64_t firstOutput, std::int64_t count) const noexcept
{
    const auto from = (std::int64_t) std::floor (inputTimeOf (firstOutput)) - taps - 2;
    const auto to = (std::int64_t) std::ceil (inputTimeOf (firstOutput + count)) + taps + 2;
    return { from, to };
}

void Resampler::process (const float* input, std::int64_t numInput, std::int64_t firstOutput,
                         std::int64_t count, float* out) const
{
    process (input, 0, numInput, firstOutput, count, out);
}

void Resampler::process (const float* input, std::int64_t inputFirst, std::int64_t numInput,
                         std::int64_t firstOutput, std::int64_t count, float* out) const
{
    // The start's whole part, counted from the span's first sample.
    const std::int64_t spanStart = startWhole - inputFirst;
    if (identity)
    {
        for (std::int64_t i = 0; i < count; ++i)
        {
            const auto n = spanStart + firstOutput + i;
            out[i] = (n >= 0 && n < numInput) ? input[n] : 0.0f;
        }
        return;
    }
    const int half = taps / 2;
    for (std::int64_t i = 0; i < count; ++i)
    {
        const std::int64_t j = firstOutput + i;
        // Floor division that also holds for negative j.
        const std::int64_t num = j * down;
        std::int64_t q = num / up;
        std::int64_t r = num % up;
        if (r < 0)
        {
            r += up;
            --q;
        }
        const std::int64_t first = spanStart + q + carry[(size_t) r] - half + 1;
        const float* h = table.data() + (size_t) r * (size_t) taps;
        float acc = 0.0f;
        if (first >= 0 && first + taps <= numInput)
        {
            const float* x = input + first;
#pragma omp simd reduction(+ : acc)
            for (int k = 0; k < taps; ++k)
                acc += h[k] * x[k];
        }
        else
        {
            for (int k = 0; k < taps; ++k)
            {
                const auto n = first + k;
                if (n >= 0 && n < numInput)
                    acc += h[k] * input[n];
            }
        }
        out[i] = acc;
    }
}

std::vector<float> Resampler::process (const std::vector<float>& input) const
{
    const auto n = (std::int64_t) input.size();
    const std::int64_t outCount = (n * up + down - 1) / down;
    std::vector<float> out ((size_t) outCount);
    process (input.data(), n, 0, outCount, out.data());
    return out;
}
} // namespace loopstage::align
