#include "Align/OffsetFinder.h"
#include "Align/Fft.h"
#include "Align/MonoSource.h"
#include "Align/Resample.h"

#include <algorithm>
#include <cmath>
#include <complex>

namespace loopstage::align
{
namespace
{
    // Energy of samples [from, to) (clamped), read from the source: no per-sample table is kept.
    constexpr std::int64_t energyBlock = 1024;

    // Sum of squares of each 1024-sample block of `x`, read once front to back.
    std::vector<double> blockEnergies (const MonoSource& x)
    {
        const auto n = x.frames();
        std::vector<double> energies ((size_t) ((n + energyBlock - 1) / energyBlock), 0.0);
        const std::int64_t chunk = 64 * energyBlock;
        std::vector<float> scratch ((size_t) chunk);
        for (std::int64_t first = 0; first < n; first += chunk)
        {
            const auto count = std::min (chunk, n - first);
            x.read (first, count, scratch.data());
            for (std::int64_t b = 0; b * energyBlock < count; ++b)
            {
                double sum = 0.0;
                for (std::int64_t i = b * energyBlock; i < std::min (count, (b + 1) * energyBlock); ++i)
                    sum += (double) scratch[(size_t) i] * scratch[(size_t) i];
                energies[(size_t) (first / energyBlock + b)] = sum;
            }
        }
        return energies;
    }

    // Energy of samples [from, to), from the blocks it covers (partial blocks pro rata).
    double energyOver (const std::vector<double>& blocks, double from, double to)
    {
        const double last = (double) blocks.size() * energyBlock;
        from = std::clamp (from, 0.0, last);
        to = std::clamp (to, 0.0, last);
        double sum = 0.0;
        for (auto b = (std::int64_t) (from / energyBlock); b < (std::int64_t) blocks.size() && (double) b * energyBlock < to; ++b)
        {
            const double a = std::max (from, (double) b * energyBlock), e = std::min (to, (double) (b + 1) * energyBlock);
            sum += blocks[(size_t) b] * std::max (0.0, e - a) / energyBlock;
        }
        return sum;
    }

    // Weighted correlation at a fractional lag: sum over bins of Re(psi_k e^{j w_k tau}).
    double correlationAt (const std::vector<std::complex<double>>& psi, int n, double tau)
    {
        const double w = 2.0 * M_PI * tau / n;
        const std::complex<double> step (std::cos (w), std::sin (w));
        std::complex<double> rotation (1.0, 0.0);
        double sum = 0.0;
        for (size_t k = 0; k < psi.size(); ++k)
        {
            const double weight = (k == 0 || (int) k == n / 2) ? 1.0 : 2.0;
            sum += weight * (psi[k] * rotation).real();
            rotation *= step;
            if ((k & 255) == 255)
                rotation /= std::abs (rotation);   // keep the recurrence on the unit circle
        }
        return sum;
    }
} // namespace

WaveformMatch refineOffset (const MonoSource& guide, const MonoSource& take, double roughOffset, int searchRadius)
{
    WaveformMatch match;
    match.offsetSamples = roughOffset;
    const double rate = guide.sampleRate();
    int window = 4096;
    while (window < 0.6 * rate)
        window *= 2;
    const auto rounded = (std::int64_t) std::llround (roughOffset);
    const double takePerGuide = (double) take.sampleRate() / rate;

    // Pick the loudest windows where both speak, from each file's energy in 1024-sample blocks
    // (one pass over each file; memory 4 bytes a block).
    const auto ng = guide.frames();
    const auto guideBlocks = blockEnergies (guide), takeBlocks = blockEnergies (take);
    std::vector<std::pair<double, std::int64_t>> candidates;
    for (std::int64_t start = 0; start < ng; start += window / 2)
    {
        const double eg = energyOver (guideBlocks, (double) start, (double) (start + window));
        const double ex = energyOver (takeBlocks, (double) (start + rounded) * takePerGuide,
                                      (double) (start + rounded + window) * takePerGuide);
        if (eg > 0.0 && ex > 0.0)
            candidates.push_back ({ std::sqrt (eg * ex), start });
    }
    if (candidates.empty())
        return match;
    const size_t maxWindows = 32;
    if (candidates.size() > maxWindows)
    {
        std::partial_sort (candidates.begin(), candidates.begin() + maxWindows, candidates.end(),
                           [] (auto& a, auto& b) { return a.first > b.first; });
        candidates.resize (maxWindows);
    }

    const Resampler toGuideRate (take.sampleRate(), guide.sampleRate());
    RealFft g (window), x (window);
    std::vector<float> hann ((size_t) window);
    for (int i = 0; i < window; ++i)
        hann[(size_t) i] = (float) (0.5 - 0.5 * std::cos (2.0 * M_PI * i / window));
    const int bins = g.bins();
    std::vector<std::complex<double>> cross ((size_t) bins);
    std::vector<double> autoGuide ((size_t) bins), autoTake ((size_t) bins);
    for (const auto& [score, start] : candidates)
    {
        guide.read (start, window, g.time());
        for (int i = 0; i < window; ++i)
            g.time()[i] *= hann[(size_t) i];
        readResampled (take, toGuideRate, start + rounded, window, x.time());
        for (int i = 0; i < window; ++i)
            x.time()[i] *= hann[(size_t) i];
        g.forward();
        x.forward();
        for (int k = 0; k < bins; ++k)
        {
            const std::complex<double> a (g.spectrum()[k]), b (x.spectrum()[k]);
            cross[(size_t) k] += std::conj (a) * b;
            autoGuide[(size_t) k] += std::norm (a);
            autoTake[(size_t) k] += std::norm (b);
        }
    }

    // Hannan-Thomson weighting within the speech-to-air band both files can carry.
    const double binHz = rate / window;
    const double highHz = 0.45 * std::min (guide.sampleRate(), take.sampleRate());
    std::vector<std::complex<double>> psi ((size_t) bins);
    for (int k = 0; k < bins; ++k)
    {
        const double hz = k * binHz;
        const double magnitude = std::abs (cross[(size_t) k]);
        const double power = autoGuide[(size_t) k] * autoTake[(size_t) k];
        if (hz < 60.0 || hz > highHz || magnitude <= 0.0 || power <= 0.0)
            continue;
        const double coherence = std::min (0.999, magnitude * magnitude / power);
        const double weight = std::min (20.0, coherence / (1.0 - coherence));
        psi[(size_t) k] = cross[(size_t) k] / magnitude * weight;
    }

    // Integer peak within the radius (inverse FFT), then the exact band-limited maximum.
    for (int k = 0; k < bins; ++k)
        x.spectrum()[k] = std::complex<float> (psi[(size_t) k]);
    x.inverse();
    // Polarity: the trough must clearly dominate the peak to call the take inverted. A copy
    // that went through a phase vocoder (a warped take) has troughs nearly as deep as its peak.
    int peakLag = 0, troughLag = 0;
    double peak = 0.0, trough = 0.0;
    for (int lag = -searchRadius; lag <= searchRadius; ++lag)
    {
        const double v = x.time()[(lag + window) % window];
        if (v > peak)
            peak = v, peakLag = lag;
        if (v < trough)
            trough = v, troughLag = lag;
    }
    const bool inverted = -trough > 1.5 * peak;
    const int bestLag = inverted ? troughLag : peakLag;
    const double bestValue = inverted ? trough : peak;
    double sidelobes = 0.0;
    int counted = 0;
    for (int lag = 0; lag < window; ++lag)
    {
        const int signedLag = lag < window / 2 ? lag : lag - window;
        if (std::abs (signedLag - bestLag) > 8)
            sidelobes += (double) x.time()[lag] * x.time()[lag], ++counted;
    }
    match.peakToSidelobe = counted > 0 && sidelobes > 0.0 ? std::abs (bestValue) / std::sqrt (sidelobes / counted) : 0.0;
    match.inverted = inverted;
    const double sign = match.inverted ? -1.0 : 1.0;
    auto valueAt = [&] (double tau) { return sign * correlationAt (psi, window, tau); };
    double lo = bestLag - 1.0, hi = bestLag + 1.0;
    const double ratio = 0.5 * (std::sqrt (5.0) - 1.0);
    double c = hi - ratio * (hi - lo), d = lo + ratio * (hi - lo);
    double fc = valueAt (c), fd = valueAt (d);
    for (int iteration = 0; iteration < 40 && hi - lo > 1e-4; ++iteration)
    {
        if (fc > fd)
        {
            hi = d;
            d = c;
            fd = fc;
            c = hi - ratio * (hi - lo);
            fc = valueAt (c);
        }
        else
        {
            lo = c;
            c = d;
            fc = fd;
            d = lo + ratio * (hi - lo);
            fd = valueAt (d);
        }
    }
    match.offsetSamples = (double) rounded + 0.5 * (lo + hi);
    return match;
}
} // namespace loopstage::align
