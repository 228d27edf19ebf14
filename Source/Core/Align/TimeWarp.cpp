#include "Align/TimeWarp.h"
#include "Align/Features.h"
#include "Align/Resample.h"
#include "Align/SyncScore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopstage::align
{
namespace
{
    float distance (const FeatureFrames& a, int i, const FeatureFrames& b, int j)
    {
        if (j < 0 || j >= b.frames())
            return 1e3f;
        const float* x = a.frame (i);
        const float* y = b.frame (j);
        float sum = 0.0f;
        for (int k = 0; k < a.bands; ++k)
            sum += (x[k] - y[k]) * (x[k] - y[k]);
        return std::sqrt (sum);
    }

    // Take frame (fractional) matched to each guide frame by banded DTW.
    std::vector<double> dtwPath (const FeatureFrames& g, const FeatureFrames& x, int band)
    {
        const int n = g.frames();
        const int width = 2 * band + 1;
        const float inf = std::numeric_limits<float>::max() / 4;
        std::vector<float> cost ((size_t) n * (size_t) width, inf);
        std::vector<unsigned char> step ((size_t) n * (size_t) width, 0);
        auto at = [&] (int i, int j) -> float& { return cost[(size_t) i * (size_t) width + (size_t) (j - i + band)]; };
        for (int i = 0; i < n; ++i)
            for (int j = std::max (0, i - band); j <= i + band; ++j)
            {
                const float d = distance (g, i, x, j);
                float best = (i == 0 && j == 0) ? 0.0f : inf;
                unsigned char from = 0;
                if (i > 0 && j > 0 && std::abs (j - 1 - (i - 1)) <= band && at (i - 1, j - 1) < best)
                    best = at (i - 1, j - 1), from = 1;
                if (i > 0 && std::abs (j - (i - 1)) <= band && at (i - 1, j) + d * 0.5f < best)   // hold take
                    best = at (i - 1, j) + d * 0.5f, from = 2;
                if (j > 0 && std::abs (j - 1 - i) <= band && at (i, j - 1) + d * 0.5f < best)     // skip take
                    best = at (i, j - 1) + d * 0.5f, from = 3;
                if (best >= inf)
                    continue;
                at (i, j) = best + d;
                step[(size_t) i * (size_t) width + (size_t) (j - i + band)] = from;
            }
        // End anywhere in the band on the last guide frame.
        int i = n - 1, j = i;
        float best = inf;
        for (int c = std::max (0, i - band); c <= i + band; ++c)
            if (at (i, c) < best)
                best = at (i, c), j = c;
        std::vector<double> sum ((size_t) n, 0.0), count ((size_t) n, 0.0);
        while (i >= 0 && j >= 0)
        {
            // The first take frame a guide frame meets: where a jump across a gap ends, the word
            // that follows starts (averaging the run would put the onset mid-jump).
            sum[(size_t) i] = j;
            count[(size_t) i] = 1;
            const auto from = step[(size_t) i * (size_t) width + (size_t) (j - i + band)];
            if (from == 1) { --i; --j; }
            else if (from == 2) { --i; }
            else if (from == 3) { --j; }
            else break;
        }
        std::vector<double> path ((size_t) n);
        for (int k = 0; k < n; ++k)
            path[(size_t) k] = count[(size_t) k] > 0 ? sum[(size_t) k] / count[(size_t) k] : k;
        return path;
    }


    // The take on the guide's timeline (offset and rate), as long as the guide.
    std::vector<float> movedTake (const MonoSignal& guide, const MonoSignal& take, const AlignmentResult& result)
    {
        const Resampler shift (take.sampleRate, guide.sampleRate, result.offsetSeconds * take.sampleRate);
        std::vector<float> moved (guide.samples.size());
        shift.process (take.samples.data(), (std::int64_t) take.samples.size(), 0, (std::int64_t) moved.size(), moved.data());
        return moved;
    }
} // namespace

void fitWarp (const MonoSignal& guide, const MonoSignal& take, double maxDriftSeconds, AlignmentResult& result)
{
    const int rate = guide.sampleRate;
    const auto moved = movedTake (guide, take, result);

    const auto g = logMelFrames (guide.samples, rate);
    const auto x = logMelFrames (moved, rate);
    const double hop = g.hopSeconds;
    const int band = std::max (1, (int) std::lround (maxDriftSeconds / hop));
    auto path = dtwPath (g, x, band);

    // Median over 25 ms, then a knot every 20 ms, strictly increasing: a drift changes in the gap
    // between two words, so the map must be allowed to turn that quickly.
    const int n = (int) path.size(), half = 2;
    std::vector<double> smooth ((size_t) n);
    std::vector<double> window;
    for (int i = 0; i < n; ++i)
    {
        window.clear();
        for (int k = std::max (0, i - half); k <= std::min (n - 1, i + half); ++k)
            window.push_back (path[(size_t) k] - k);
        std::nth_element (window.begin(), window.begin() + (long) window.size() / 2, window.end());
        smooth[(size_t) i] = i + window[window.size() / 2];
    }
    const int knotStep = 4;
    double last = -1e9;
    std::vector<double> map ((size_t) n);
    result.warp.clear();
    for (int i = 0; i < n; i += knotStep)
    {
        double t = std::max (smooth[(size_t) i], last + 0.01 * knotStep);   // nearly flat is allowed: a shorter gap
        last = t;
        result.warp.push_back ({ i * hop, t * hop + result.offsetSeconds });
    }
    for (int i = 0; i < n; ++i)
        map[(size_t) i] = (takeTimeAt (result, i * hop) - result.offsetSeconds) / hop;

    result.syncScore = measureSync (g, x, map, 1000.0 * maxDriftSeconds);
}

void scoreOffset (const MonoSignal& guide, const MonoSignal& take, double searchSeconds, AlignmentResult& result)
{
    const auto moved = movedTake (guide, take, result);
    const auto g = logMelFrames (guide.samples, guide.sampleRate);
    const auto x = logMelFrames (moved, guide.sampleRate);
    std::vector<double> same ((size_t) g.frames());
    for (size_t i = 0; i < same.size(); ++i)
        same[i] = (double) i;
    result.syncScore = measureSync (g, x, same, 1000.0 * searchSeconds);
}
} // namespace loopstage::align
