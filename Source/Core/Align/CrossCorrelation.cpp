#include "Align/CrossCorrelation.h"
#include "Align/Fft.h"

#include <algorithm>
#include <cmath>
#include <complex>

namespace loopstage::align
{
LagPeak correlateWhole (std::vector<float> guide, std::vector<float> take,
                        double sampleRate, std::int64_t minLag, std::int64_t maxLag,
                        const CorrelationBand& band)
{
    LagPeak result;
    const auto ng = (std::int64_t) guide.size();
    const auto nx = (std::int64_t) take.size();
    minLag = std::max (minLag, -(ng - 1));
    maxLag = std::min (maxLag, nx - 1);
    if (ng == 0 || nx == 0 || minLag > maxLag)
        return result;

    // Linear (not circular) correlation for every lag in range needs size >= ng + nx - 1.
    const int n = fastFftSize (ng + nx);
    RealFft g (n);
    std::copy (guide.begin(), guide.end(), g.time());
    std::fill (g.time() + ng, g.time() + n, 0.0f);
    std::vector<float>().swap (guide);
    RealFft x (n);
    std::copy (take.begin(), take.end(), x.time());
    std::fill (x.time() + nx, x.time() + n, 0.0f);
    std::vector<float>().swap (take);
    g.forward();
    x.forward();

    const int bins = g.bins();
    const double binHz = sampleRate / n;
    const auto lowBin = (int) std::ceil (band.lowHz / binHz);
    const auto highBin = (int) std::min<double> (bins - 1, std::floor (band.highHz / binHz));
    double meanMagnitude = 0.0;
    for (int k = lowBin; k <= highBin; ++k)
        meanMagnitude += std::abs (std::conj (g.spectrum()[k]) * x.spectrum()[k]);
    meanMagnitude /= std::max (1, highBin - lowBin + 1);
    if (meanMagnitude <= 0.0)
        return result;
    const double floor = 1e-4 * meanMagnitude;

    auto* s = x.spectrum();
    for (int k = 0; k < bins; ++k)
    {
        if (k < lowBin || k > highBin)
        {
            s[k] = 0.0f;
            continue;
        }
        const auto cross = std::conj (g.spectrum()[k]) * s[k];
        const double magnitude = std::abs (cross);
        s[k] = cross * (float) (1.0 / std::pow (magnitude + floor, band.beta));
    }
    x.inverse();
    const float* r = x.time();
    auto at = [&] (std::int64_t lag) { return (double) r[(lag % n + n) % n]; };

    std::int64_t best = minLag;
    double bestValue = at (minLag);
    double sum = 0.0, sumSquares = 0.0;
    for (auto lag = minLag; lag <= maxLag; ++lag)
    {
        const double v = at (lag);
        sum += v;
        sumSquares += v * v;
        if (v > bestValue)
        {
            bestValue = v;
            best = lag;
        }
    }
    // The sidelobe statistics leave out the main lobe (20 ms either side).
    const auto guard = (std::int64_t) std::ceil (0.02 * sampleRate);
    double count = (double) (maxLag - minLag + 1);
    for (auto lag = std::max (minLag, best - guard); lag <= std::min (maxLag, best + guard); ++lag)
    {
        const double v = at (lag);
        sum -= v;
        sumSquares -= v * v;
        count -= 1.0;
    }
    result.lag = best;
    result.interpolatedLag = (double) best;
    if (best > minLag && best < maxLag)
    {
        const double a = at (best - 1), b = bestValue, c = at (best + 1);
        const double denominator = a - 2.0 * b + c;
        if (denominator < 0.0)
            result.interpolatedLag += std::clamp (0.5 * (a - c) / denominator, -0.5, 0.5);
    }
    if (count >= 2.0)
    {
        const double mean = sum / count;
        const double variance = std::max (1e-30, sumSquares / count - mean * mean);
        result.peakToSidelobe = (bestValue - mean) / std::sqrt (variance);
    }
    result.lagsSearched = maxLag - minLag + 1;
    return result;
}
} // namespace loopstage::align
