#include "Align/CoarseLine.h"
#include "Align/Fft.h"

#include <algorithm>
#include <cmath>
#include <complex>

namespace loopstage::align
{
namespace
{
    // Band values standardised over speech frames, 0 in pauses: frames x bands, row-major.
    std::vector<float> standardised (const FeatureFrames& f, const std::vector<char>& speech)
    {
        const int n = f.frames(), bands = f.bands;
        std::vector<float> out ((size_t) n * (size_t) bands, 0.0f);
        const auto speaking = std::count (speech.begin(), speech.end(), (char) 1);
        if (speaking < 2)
            return out;
        for (int b = 0; b < bands; ++b)
        {
            double sum = 0.0, squares = 0.0;
            for (int i = 0; i < n; ++i)
                if (speech[(size_t) i])
                {
                    const double v = f.frame (i)[b];
                    sum += v;
                    squares += v * v;
                }
            const double mean = sum / (double) speaking;
            const double sd = std::sqrt (std::max (1e-6, squares / (double) speaking - mean * mean));
            for (int i = 0; i < n; ++i)
                if (speech[(size_t) i])
                    out[(size_t) i * (size_t) bands + (size_t) b] = (float) ((f.frame (i)[b] - mean) / sd);
        }
        return out;
    }

    // `x` (frames x bands) read at frame pace * k, linearly interpolated.
    std::vector<float> atPace (const std::vector<float>& x, int bands, double pace)
    {
        const int n = (int) (x.size() / (size_t) bands);
        const int m = std::max (1, (int) std::floor ((n - 1) / pace) + 1);
        std::vector<float> out ((size_t) m * (size_t) bands);
        for (int k = 0; k < m; ++k)
        {
            const double at = pace * k;
            const int a = std::min (n - 1, (int) at), b = std::min (n - 1, a + 1);
            const float w = (float) (at - a);
            for (int c = 0; c < bands; ++c)
                out[(size_t) k * (size_t) bands + (size_t) c] = (1.0f - w) * x[(size_t) a * (size_t) bands + (size_t) c]
                                                                + w * x[(size_t) b * (size_t) bands + (size_t) c];
        }
        return out;
    }
} // namespace

CoarseLine findCoarseLine (const FeatureFrames& guide, const std::vector<char>& guideSpeech,
                           const FeatureFrames& take, const std::vector<char>& takeSpeech,
                           std::optional<double> maxInterceptFrames, bool searchPace)
{
    CoarseLine best;
    const int bands = guide.bands;
    const auto g = standardised (guide, guideSpeech);
    const auto x = standardised (take, takeSpeech);
    const int n = guide.frames(), m = take.frames();
    if (n < 2 || m < 2)
        return best;
    double guideEnergy = 0.0;
    for (const float v : g)
        guideEnergy += (double) v * v;
    if (guideEnergy <= 0.0)
        return best;

    std::vector<double> paces { 1.0 };
    if (searchPace)
        for (double p = 0.88; p <= 1.1201; p += 0.02)
            if (std::abs (p - 1.0) > 1e-9)
                paces.push_back (p);
    const int size = fastFftSize ((std::int64_t) n + (std::int64_t) std::ceil (m / paces.back()) + 2);
    RealFft gf (size), xf (size);
    std::vector<std::complex<double>> sum ((size_t) gf.bins());
    for (const double pace : paces)
    {
        const auto xs = atPace (x, bands, pace);
        const int ms = (int) (xs.size() / (size_t) bands);
        double takeEnergy = 0.0;
        for (const float v : xs)
            takeEnergy += (double) v * v;
        if (takeEnergy <= 0.0)
            continue;
        std::fill (sum.begin(), sum.end(), std::complex<double>());
        for (int b = 0; b < bands; ++b)
        {
            std::fill (gf.time(), gf.time() + size, 0.0f);
            std::fill (xf.time(), xf.time() + size, 0.0f);
            for (int i = 0; i < n; ++i)
                gf.time()[i] = g[(size_t) i * (size_t) bands + (size_t) b];
            for (int k = 0; k < ms; ++k)
                xf.time()[k] = xs[(size_t) k * (size_t) bands + (size_t) b];
            gf.forward();
            xf.forward();
            for (int k = 0; k < gf.bins(); ++k)
                sum[(size_t) k] += std::conj (std::complex<double> (gf.spectrum()[k])) * std::complex<double> (xf.spectrum()[k]);
        }
        for (int k = 0; k < gf.bins(); ++k)
            xf.spectrum()[k] = std::complex<float> (sum[(size_t) k]);
        xf.inverse();
        // Lag L: sum over i of g(i) x_pace(i + L); the take's frame at guide frame 0 is pace * L.
        const double norm = (double) size * std::sqrt (guideEnergy * takeEnergy);
        for (int lag = -(n - 1); lag <= ms - 1; ++lag)
        {
            const double intercept = pace * lag;
            if (maxInterceptFrames && std::abs (intercept) > *maxInterceptFrames)
                continue;
            const double score = xf.time()[(lag + size) % size] / norm;
            if (! best.found || score > best.score)
                best = { pace, intercept, score, true };
        }
    }
    return best;
}
} // namespace loopstage::align
