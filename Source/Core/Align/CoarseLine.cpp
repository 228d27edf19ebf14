#include "Align/CoarseLine.h"
#include "Align/Fft.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <cstdlib>

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

    double energyOf (const std::vector<float>& v)
    {
        double sum = 0.0;
        for (const float x : v)
            sum += (double) x * x;
        return sum;
    }

    // Each band of `v` (frames x bands, the first `frames` rows) transformed at `fft`'s size,
    // band after band: bins() spectra laid end to end.
    std::vector<std::complex<float>> bandSpectra (const std::vector<float>& v, int bands, int frames, RealFft& fft)
    {
        std::vector<std::complex<float>> spectra ((size_t) bands * (size_t) fft.bins());
        for (int b = 0; b < bands; ++b)
        {
            std::fill (fft.time(), fft.time() + fft.size(), 0.0f);
            for (int k = 0; k < frames; ++k)
                fft.time()[k] = v[(size_t) k * (size_t) bands + (size_t) b];
            fft.forward();
            std::copy (fft.spectrum(), fft.spectrum() + fft.bins(), spectra.begin() + (std::ptrdiff_t) ((size_t) b * (size_t) fft.bins()));
        }
        return spectra;
    }

    // The bands' cross-correlation summed, in `fft`'s time buffer: lag L holds the sum over
    // bands and i of early(i) late(i + L), where `early` is `v` (frames x bands) when `vIsEarly`,
    // and the bands already transformed in `fixed` (bandSpectra) the other one.
    void summedCorrelation (const std::vector<float>& v, int bands, int frames, const std::vector<std::complex<float>>& fixed,
                            bool vIsEarly, RealFft& fft, std::vector<std::complex<double>>& sum)
    {
        std::fill (sum.begin(), sum.end(), std::complex<double>());
        for (int b = 0; b < bands; ++b)
        {
            std::fill (fft.time(), fft.time() + fft.size(), 0.0f);
            for (int k = 0; k < frames; ++k)
                fft.time()[k] = v[(size_t) k * (size_t) bands + (size_t) b];
            fft.forward();
            const auto* f = fixed.data() + (size_t) b * (size_t) fft.bins();
            for (int k = 0; k < fft.bins(); ++k)
            {
                const std::complex<double> mine (fft.spectrum()[k]), other (f[k]);
                sum[(size_t) k] += vIsEarly ? std::conj (mine) * other : std::conj (other) * mine;
            }
        }
        for (int k = 0; k < fft.bins(); ++k)
            fft.spectrum()[k] = std::complex<float> (sum[(size_t) k]);
        fft.inverse();
    }
} // namespace

namespace
{
    // A long pair (a reel) whose take runs at another pace (PAL speed-up is 4 %) drifts by
    // seconds over its length, so no single lag lines it up, and a pace would have to be right
    // to 1e-4 for the whole file to correlate. Excerpts of the guide (20 s) each find their own
    // pace and lag against the whole take instead, on 160 ms frames of the 32 static bands
    // (a pace step of 0.8 % then drifts under a frame across an excerpt), and the line through
    // the excerpts that agree (within 1 s) is the answer. Cost: excerpts x paces x bands FFTs
    // of the take's length in 160 ms frames (about a second for a 30-minute reel).
    CoarseLine lineFromExcerpts (const std::vector<float>& g, const std::vector<float>& x, int bands, int n, int m,
                                 double hopSeconds, std::optional<double> maxInterceptFrames)
    {
        CoarseLine best;
        const int pool = std::max (1, (int) std::lround (0.16 / hopSeconds)), staticBands = bands / 2;
        auto pooled = [&] (const std::vector<float>& v, int frames)
        {
            const int out = frames / pool;
            std::vector<float> p ((size_t) out * (size_t) staticBands, 0.0f);
            for (int k = 0; k < out; ++k)
                for (int i = k * pool; i < (k + 1) * pool; ++i)
                    for (int b = 0; b < staticBands; ++b)
                        p[(size_t) k * (size_t) staticBands + (size_t) b] += v[(size_t) i * (size_t) bands + (size_t) b] / (float) pool;
            return p;
        };
        const auto gp = pooled (g, n), xp = pooled (x, m);
        const int gn = n / pool, xm = m / pool;
        const double frameSeconds = hopSeconds * pool;
        const int excerpt = (int) std::lround (20.0 / frameSeconds);
        if (gn < 2 * excerpt || xm < excerpt)
            return best;
        const int count = std::clamp (gn / excerpt, 2, 9);
        const int longest = (int) std::ceil (excerpt * 1.13) + 1;
        const int size = fastFftSize ((std::int64_t) xm + longest + 2);
        RealFft ef (size), xf (size);
        // The take's spectrum per band, once.
        const auto takeSpectra = bandSpectra (xp, staticBands, xm, xf);
        // The take's energy over any run of frames, for a local normalisation.
        std::vector<double> takeEnergy ((size_t) xm + 1, 0.0);
        for (int k = 0; k < xm; ++k)
        {
            double e = 0.0;
            for (int b = 0; b < staticBands; ++b)
                e += (double) xp[(size_t) k * (size_t) staticBands + (size_t) b] * xp[(size_t) k * (size_t) staticBands + (size_t) b];
            takeEnergy[(size_t) k + 1] = takeEnergy[(size_t) k] + e;
        }
        struct Lag
        {
            double guideFrame, takeFrame, score;
        };
        std::vector<Lag> lags;
        std::vector<std::complex<double>> sum ((size_t) ef.bins());
        for (int w = 0; w < count; ++w)
        {
            const int start = (int) ((double) (gn - excerpt) * (w + 0.5) / count);
            const std::vector<float> excerptFrames (gp.begin() + (std::ptrdiff_t) ((size_t) start * (size_t) staticBands),
                                                    gp.begin() + (std::ptrdiff_t) ((size_t) std::min (gn, start + excerpt + 1) * (size_t) staticBands));
            Lag found { 0.0, 0.0, -1.0 };
            for (double pace = 0.88; pace <= 1.1201; pace += 0.008)
            {
                // The excerpt as the take would play it: `pace` take frames per guide frame.
                const auto stretched = atPace (excerptFrames, staticBands, 1.0 / pace);
                const int length = (int) (stretched.size() / (size_t) staticBands);
                const double energy = energyOf (stretched);
                if (energy <= 0.0)
                    continue;
                summedCorrelation (stretched, staticBands, length, takeSpectra, true, ef, sum);
                for (int lag = 0; lag + length <= xm; ++lag)
                {
                    const double local = takeEnergy[(size_t) (lag + length)] - takeEnergy[(size_t) lag];
                    if (local <= 0.0)
                        continue;
                    const double score = ef.time()[lag] / ((double) size * std::sqrt (energy * local));
                    if (score > found.score)
                        found = { (start + 0.5 * excerpt) * pool, (lag + 0.5 * length) * pool, score };
                }
            }
            if (std::getenv ("LOOPSTAGE_ALIGN_DEBUG"))
                std::fprintf (stderr, "align: excerpt at %.1f s: take %.1f s score %.3f\n", found.guideFrame * hopSeconds,
                              found.takeFrame * hopSeconds, found.score);
            if (found.score > 0.0)
                lags.push_back (found);
        }
        // The line through two excerpts' lags that the most others agree with (within 1 s).
        const double tolerance = 1.0 / hopSeconds;
        size_t bestCount = 0;
        for (size_t i = 0; i < lags.size(); ++i)
            for (size_t j = i + 1; j < lags.size(); ++j)
            {
                const double slope = (lags[j].takeFrame - lags[i].takeFrame) / (lags[j].guideFrame - lags[i].guideFrame);
                if (slope < 0.85 || slope > 1.15)
                    continue;
                const double intercept = lags[i].takeFrame - slope * lags[i].guideFrame;
                if (maxInterceptFrames && std::abs (intercept) > *maxInterceptFrames)
                    continue;
                size_t agree = 0;
                double score = 0.0;
                for (const auto& l : lags)
                    if (std::abs (l.takeFrame - (slope * l.guideFrame + intercept)) <= tolerance)
                        ++agree, score += l.score;
                score /= (double) std::max<size_t> (1, agree);
                if (agree > bestCount || (agree == bestCount && score > best.score))
                {
                    bestCount = agree;
                    best = { slope, intercept, score, true };
                }
            }
        if (bestCount < 2)
            best.found = false;
        return best;
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
    const double guideEnergy = energyOf (g);
    if (guideEnergy <= 0.0)
        return best;

    // A minute or more: excerpts, when there are enough of them to agree on a line. (A pace
    // step of 0.02 over the whole file drifts a second across two minutes: another stretch
    // of similar words at a luckier pace can then outscore the right one.)
    if (n >= 3 * (int) std::lround (20.0 / guide.hopSeconds))
        if (auto line = lineFromExcerpts (g, x, bands, n, m, guide.hopSeconds, maxInterceptFrames); line.found)
            return line;

    std::vector<double> paces { 1.0 };
    if (searchPace)
        for (double p = 0.88; p <= 1.1201; p += 0.02)
            if (std::abs (p - 1.0) > 1e-9)
                paces.push_back (p);
    const int size = fastFftSize ((std::int64_t) n + (std::int64_t) std::ceil (m / paces.back()) + 2);
    RealFft gf (size), xf (size);
    std::vector<std::complex<double>> sum ((size_t) gf.bins());
    // The guide's spectrum per band, once for every pace.
    const auto guideSpectra = bandSpectra (g, bands, n, gf);
    for (const double pace : paces)
    {
        const auto xs = atPace (x, bands, pace);
        const int ms = (int) (xs.size() / (size_t) bands);
        const double takeEnergy = energyOf (xs);
        if (takeEnergy <= 0.0)
            continue;
        summedCorrelation (xs, bands, ms, guideSpectra, false, xf, sum);
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
