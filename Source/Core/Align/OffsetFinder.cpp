#include "Align/OffsetFinder.h"
#include "Align/CrossCorrelation.h"
#include "Align/Fft.h"
#include "Align/MonoSource.h"
#include "Align/Resample.h"

#include <algorithm>
#include <future>
#include <cmath>
#include <complex>
#include <numeric>

namespace loopstage::align
{
double confidenceFromPeak (double z, std::int64_t lags)
{
    if (lags < 2)
        return 0.0;
    const double z0 = std::sqrt (2.0 * std::log ((double) lags));
    // Speech against unrelated speech is not Gaussian noise: its largest lag reaches about
    // 2 z0 (measured), so the scale starts at 3 z0.
    const double excess = z - 3.0 * z0;
    if (excess <= 0.0)
        return 0.0;
    return std::clamp (1.0 - std::exp (-excess / (2.0 * z0)), 0.0, 1.0);
}

namespace
{
    // Energy of samples [from, to) (clamped), read from the source: no per-sample table is kept.
    double energyIn (const MonoSource& x, double from, double to, std::vector<float>& scratch)
    {
        const auto n = x.frames();
        const auto a = std::clamp<std::int64_t> ((std::int64_t) from, 0, n);
        const auto b = std::clamp<std::int64_t> ((std::int64_t) to, 0, n);
        if (b <= a)
            return 0.0;
        scratch.resize ((size_t) (b - a));
        x.read (a, b - a, scratch.data());
        double sum = 0.0;
        for (const float v : scratch)
            sum += (double) v * v;
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

double refineOffset (const MonoSource& guide, const MonoSource& take, double roughOffset, int searchRadius)
{
    const double rate = guide.sampleRate();
    int window = 4096;
    while (window < 0.6 * rate)
        window *= 2;
    const auto rounded = (std::int64_t) std::llround (roughOffset);
    const double takePerGuide = (double) take.sampleRate() / rate;

    // Pick the loudest windows where both speak (each file read about twice over, window by
    // window: memory stays one window).
    const auto ng = guide.frames();
    std::vector<float> scratch;
    std::vector<std::pair<double, std::int64_t>> candidates;
    for (std::int64_t start = 0; start < ng; start += window / 2)
    {
        const double eg = energyIn (guide, (double) start, (double) (start + window), scratch);
        const double ex = energyIn (take, (double) (start + rounded) * takePerGuide,
                                    (double) (start + rounded + window) * takePerGuide, scratch);
        if (eg > 0.0 && ex > 0.0)
            candidates.push_back ({ std::sqrt (eg * ex), start });
    }
    if (candidates.empty())
        return roughOffset;
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
    int bestLag = 0;
    double bestValue = -1e300;
    for (int lag = -searchRadius; lag <= searchRadius; ++lag)
    {
        const double v = x.time()[(lag + window) % window];
        if (v > bestValue)
        {
            bestValue = v;
            bestLag = lag;
        }
    }
    double lo = bestLag - 1.0, hi = bestLag + 1.0;
    const double ratio = 0.5 * (std::sqrt (5.0) - 1.0);
    double c = hi - ratio * (hi - lo), d = lo + ratio * (hi - lo);
    double fc = correlationAt (psi, window, c), fd = correlationAt (psi, window, d);
    for (int iteration = 0; iteration < 40 && hi - lo > 1e-4; ++iteration)
    {
        if (fc > fd)
        {
            hi = d;
            d = c;
            fd = fc;
            c = hi - ratio * (hi - lo);
            fc = correlationAt (psi, window, c);
        }
        else
        {
            lo = c;
            c = d;
            fc = fd;
            d = lo + ratio * (hi - lo);
            fd = correlationAt (psi, window, d);
        }
    }
    return (double) rounded + 0.5 * (lo + hi);
}

OffsetEstimate findOffset (const MonoSource& guide, const MonoSource& take, const OffsetOptions& options)
{
    OffsetEstimate result;
    const int coarse = options.coarseRate;
    // Each file's coarse copy on its own core: different sources, each with its own reader.
    auto guideCoarseJob = std::async (std::launch::async, [&] { return resampleWhole (guide, Resampler (guide.sampleRate(), coarse, 0.0, 8)); });
    auto takeCoarse = resampleWhole (take, Resampler (take.sampleRate(), coarse, 0.0, 8));
    auto guideCoarse = guideCoarseJob.get();

    std::int64_t minLag = -(std::int64_t) guideCoarse.size(), maxLag = (std::int64_t) takeCoarse.size();
    if (options.maxOffsetSeconds)
    {
        const auto limit = (std::int64_t) std::ceil (*options.maxOffsetSeconds * coarse) + 1;
        minLag = std::max (minLag, -limit);
        maxLag = std::min (maxLag, limit);
    }
    CorrelationBand band;
    band.lowHz = 100.0;
    band.highHz = 0.45 * coarse;
    const auto peak = correlateWhole (std::move (guideCoarse), std::move (takeCoarse), coarse, minLag, maxLag, band);
    if (peak.lagsSearched == 0)
        return result;
    result.peakToSidelobe = peak.peakToSidelobe;
    result.confidence = confidenceFromPeak (peak.peakToSidelobe, peak.lagsSearched);

    const double perCoarse = (double) guide.sampleRate() / coarse;
    const double rough = peak.interpolatedLag * perCoarse;
    const int radius = (int) std::ceil (3.0 * perCoarse) + 4;
    result.offsetSamples = refineOffset (guide, take, rough, radius);
    // Refinement that walked away from the coarse lobe found noise, not the match.
    if (std::abs (result.offsetSamples - rough) > radius)
        result.offsetSamples = rough;
    return result;
}
} // namespace loopstage::align
