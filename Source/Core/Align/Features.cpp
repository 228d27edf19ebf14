#include "Align/Features.h"
#include "Align/Fft.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::align
{
FeatureFrames logMelFrames (const std::vector<float>& samples, int sampleRate, double hopSeconds)
{
    const auto n = (std::int64_t) samples.size();
    return logMelFrames ([&] (std::int64_t start, std::int64_t count, float* out)
                         {
                             for (std::int64_t i = 0; i < count; ++i)
                             {
                                 const auto k = start + i;
                                 out[i] = (k >= 0 && k < n) ? samples[(size_t) k] : 0.0f;
                             }
                         },
                         n, sampleRate, hopSeconds);
}

double sharedTopHz (int guideRate, int takeRate) noexcept
{
    return std::min (8000.0, 0.45 * std::min (guideRate, takeRate));
}

FeatureFrames logMelFrames (const SampleReader& read, std::int64_t length, int sampleRate, double hopSeconds, double topHz)
{
    FeatureFrames f;
    f.hopSeconds = hopSeconds;
    int window = 256;
    while (window < 0.021 * sampleRate)
        window *= 2;
    const double hop = f.hopSeconds * sampleRate;
    const auto n = length;
    const int frames = (int) std::floor ((double) n / hop) + 1;
    auto centre = [&] (int i) { return (std::int64_t) std::llround (i * hop); };
    RealFft fft (window);
    const int bins = fft.bins();
    std::vector<float> hann ((size_t) window);
    for (int i = 0; i < window; ++i)
        hann[(size_t) i] = (float) (0.5 - 0.5 * std::cos (2.0 * M_PI * i / window));

    // Triangular mel filters.
    auto mel = [] (double hz) { return 2595.0 * std::log10 (1.0 + hz / 700.0); };
    auto hzOf = [] (double m) { return 700.0 * (std::pow (10.0, m / 2595.0) - 1.0); };
    const double lo = mel (100.0), hi = mel (std::min (topHz, 0.45 * sampleRate));
    std::vector<double> edges ((size_t) f.bands + 2);
    for (size_t i = 0; i < edges.size(); ++i)
        edges[i] = hzOf (lo + (hi - lo) * (double) i / (double) (f.bands + 1)) * window / sampleRate;

    // Room for the deltas from the start: frame i holds its 32 bands, then their deltas.
    const int mels = f.bands, stride = 2 * mels;
    f.values.assign ((size_t) frames * (size_t) stride, 0.0f);
    f.energyDb.assign ((size_t) frames, -120.0f);
    f.speechDb.assign ((size_t) frames, -120.0f);
    const int speechLow = (int) std::ceil (300.0 * window / sampleRate);
    const int speechHigh = std::min (bins - 1, (int) std::floor (std::min ({ 4000.0, topHz, 0.45 * sampleRate }) * window / sampleRate));
    std::vector<double> power ((size_t) bins);
    const int framesPerBlock = 200;
    std::vector<float> block;
    std::int64_t blockStart = 0;
    for (int i = 0; i < frames; ++i)
    {
        const std::int64_t start = centre (i) - window / 2;
        if (i % framesPerBlock == 0)
        {
            blockStart = start;
            block.resize ((size_t) (centre (i + framesPerBlock - 1) - centre (i) + window));
            read (blockStart, (std::int64_t) block.size(), block.data());
            for (std::int64_t k = 0; k < (std::int64_t) block.size(); ++k)
                if (blockStart + k >= n)
                    block[(size_t) k] = 0.0f;
        }
        const float* x = block.data() + (start - blockStart);
        for (int k = 0; k < window; ++k)
            fft.time()[k] = x[k] * hann[(size_t) k];
        fft.forward();
        double total = 0.0;
        for (int k = 0; k < bins; ++k)
            total += power[(size_t) k] = std::norm (fft.spectrum()[k]);
        f.energyDb[(size_t) i] = (float) dsp::powerToDb (total + 1e-12);
        double speech = 0.0;
        for (int k = speechLow; k <= speechHigh; ++k)
            speech += power[(size_t) k];
        f.speechDb[(size_t) i] = (float) dsp::powerToDb (speech + 1e-12);
        for (int b = 0; b < f.bands; ++b)
        {
            const double a = edges[(size_t) b], c = edges[(size_t) b + 1], e = edges[(size_t) b + 2];
            double sum = 0.0;
            for (int k = (int) std::ceil (a); k <= (int) e && k < bins; ++k)
            {
                const double w = k < c ? (k - a) / (c - a) : (e - k) / (e - c);
                if (w > 0)
                    sum += w * power[(size_t) k];
            }
            f.values[(size_t) i * (size_t) stride + (size_t) b] = (float) std::log (sum + 1e-9);
        }
    }
    // Each band is limited to 20 dB under its own loud level, so digital silence in a booth take
    // and the noise floor of a production track both read as "quiet" instead of far apart.
    std::vector<float> column ((size_t) frames);
    for (int b = 0; b < mels; ++b)
    {
        for (int i = 0; i < frames; ++i)
            column[(size_t) i] = f.values[(size_t) i * (size_t) stride + (size_t) b];
        const auto high = column.begin() + (long) (0.95 * (frames - 1));
        std::nth_element (column.begin(), high, column.end());
        const float floorValue = *high - (float) (20.0 / 10.0 * std::log (10.0));
        for (int i = 0; i < frames; ++i)
        {
            auto& v = f.values[(size_t) i * (size_t) stride + (size_t) b];
            v = std::max (v, floorValue);
        }
        double mean = 0.0;
        for (int i = 0; i < frames; ++i)
            mean += f.values[(size_t) i * (size_t) stride + (size_t) b];
        mean /= std::max (1, frames);
        for (int i = 0; i < frames; ++i)
            f.values[(size_t) i * (size_t) stride + (size_t) b] -= (float) mean;
    }
    // Where a band sits within 6 dB of its floor (20th percentile) it shows the room's noise,
    // not the voice: the distance then counts only a take that is louder there (bounded).
    if (frames >= 20)
    {
        f.quiet.assign ((size_t) frames * (size_t) mels, 0);
        for (int b = 0; b < mels; ++b)
        {
            for (int i = 0; i < frames; ++i)
                column[(size_t) i] = f.values[(size_t) i * (size_t) stride + (size_t) b];
            const auto low = column.begin() + (long) (0.2 * (frames - 1));
            std::nth_element (column.begin(), low, column.end());
            const float limit = *low + (float) (0.6 * std::log (10.0));
            for (int i = 0; i < frames; ++i)
                f.quiet[(size_t) i * (size_t) mels + (size_t) b] = f.values[(size_t) i * (size_t) stride + (size_t) b] < limit;
        }
    }
    // Deltas (frame i+1 minus frame i-1): onsets, where sync is judged, stand out.
    for (int i = 0; i < frames; ++i)
        for (int b = 0; b < mels; ++b)
        {
            const auto v = [&] (int k) { return f.values[(size_t) std::clamp (k, 0, frames - 1) * (size_t) stride + (size_t) b]; };
            f.values[(size_t) i * (size_t) stride + (size_t) (mels + b)] = v (i + 1) - v (i - 1);
        }
    f.bands = stride;
    return f;
}
FeatureFrames pooled (const FeatureFrames& f, int factor, bool backwards)
{
    FeatureFrames out;
    out.bands = f.bands;
    out.hopSeconds = f.hopSeconds * factor;
    const int n = f.frames(), m = (n + factor - 1) / factor;
    out.values.assign ((size_t) m * (size_t) f.bands, 0.0f);
    out.energyDb.assign ((size_t) m, -120.0f);
    out.speechDb.assign ((size_t) m, -120.0f);
    const int half = f.bands / 2;
    if (! f.quiet.empty())
        out.quiet.assign ((size_t) m * (size_t) half, 1);
    for (int k = 0; k < m; ++k)
    {
        const int from = k * factor, to = std::min (n, from + factor);
        float* o = out.values.data() + (size_t) k * (size_t) f.bands;
        for (int r = from; r < to; ++r)
        {
            const int i = backwards ? n - 1 - r : r;
            const float* v = f.frame (i);
            for (int b = 0; b < f.bands; ++b)
                o[b] += backwards && b >= half ? -v[b] : v[b];
            out.energyDb[(size_t) k] = std::max (out.energyDb[(size_t) k], f.energyDb[(size_t) i]);
            out.speechDb[(size_t) k] = std::max (out.speechDb[(size_t) k], f.speechDb[(size_t) i]);
            if (! f.quiet.empty())
                for (int b = 0; b < half; ++b)
                    out.quiet[(size_t) k * (size_t) half + (size_t) b] &= f.quiet[(size_t) i * (size_t) half + (size_t) b];
        }
        for (int b = 0; b < f.bands; ++b)
            o[b] /= (float) (to - from);
    }
    return out;
}

namespace
{
    // Frame j of `b`, or of `b` played backwards (deltas negated), against frame i of `a`.
    template <bool backwards>
    float distance (const FeatureFrames& a, int i, const FeatureFrames& b, int j) noexcept
    {
        if (j < 0 || j >= b.frames())
            return 1e3f;
        const float* x = a.frame (i);
        const float* y = b.frame (backwards ? b.frames() - 1 - j : j);
        const int half = a.bands / 2;
        const float sign = backwards ? -1.0f : 1.0f;
        float sum = 0.0f;
        if (! a.quiet.empty())
        {
            // Branch-free, so the 32 bands vectorise: the DTW calls this for every window cell.
            const unsigned char* q = a.quiet.data() + (size_t) i * (size_t) half;
            for (int k = 0; k < half; ++k)
            {
                const float quiet = (float) q[k];
                const float d = x[k] - y[k], e = x[half + k] - sign * y[half + k];
                const float louder = d < 0.0f ? 1.0f : 0.0f;
                sum += d * d * (1.0f - quiet * (1.0f - louder)) + e * e * (1.0f - 0.75f * quiet);
            }
            return std::sqrt (sum);
        }
        for (int k = 0; k < half; ++k)
        {
            const float d = x[k] - y[k], e = x[half + k] - sign * y[half + k];
            sum += d * d + e * e;
        }
        return std::sqrt (sum);
    }
} // namespace

float frameDistance (const FeatureFrames& a, int i, const FeatureFrames& b, int j) noexcept
{
    return distance<false> (a, i, b, j);
}

float reversedFrameDistance (const FeatureFrames& a, int i, const FeatureFrames& b, int j) noexcept
{
    return distance<true> (a, i, b, j);
}
} // namespace loopstage::align
