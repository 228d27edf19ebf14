#include "Align/TimeWarp.h"
#include "Align/Features.h"
#include "Align/Resample.h"

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

    double segmentResidual (const FeatureFrames& g, const FeatureFrames& x, const std::vector<double>& map,
                            int from, int to)
    {
        double bestLag = 0.0, bestCost = std::numeric_limits<double>::max();
        for (int lagMs = -100; lagMs <= 100; ++lagMs)
        {
            const double lagFrames = lagMs / 5.0;
            double cost = 0.0;
            for (int i = from; i < to; ++i)
            {
                const double j = map[(size_t) i] + lagFrames;
                const int j0 = (int) std::floor (j);
                const double w = j - j0;
                cost += (1.0 - w) * distance (g, i, x, j0) + w * distance (g, i, x, j0 + 1);
            }
            if (cost < bestCost)
                bestCost = cost, bestLag = lagMs;
        }
        return std::abs (bestLag);
    }
} // namespace

void fitWarp (const MonoSignal& guide, const MonoSignal& take, double maxDriftSeconds, AlignmentResult& result)
{
    const int rate = guide.sampleRate;
    // The take on the guide's timeline (offset and rate), a little longer for the band.
    const Resampler shift (take.sampleRate, rate, result.offsetSeconds * take.sampleRate);
    std::vector<float> moved (guide.samples.size());
    shift.process (take.samples.data(), (std::int64_t) take.samples.size(), 0, (std::int64_t) moved.size(), moved.data());

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

    // Speech segments of the guide and their residuals.
    auto sorted = g.energyDb;
    std::sort (sorted.begin(), sorted.end());
    const float floorDb = sorted[sorted.size() / 10], loudest = sorted.back();
    const float threshold = floorDb + 0.4f * (loudest - floorDb);
    std::vector<double> residuals;
    int start = -1;
    for (int i = 0; i <= n; ++i)
    {
        const bool speech = i < n && g.energyDb[(size_t) i] > threshold;
        if (speech && start < 0)
            start = i;
        if (! speech && start >= 0)
        {
            if (i - start >= 20)
                residuals.push_back (segmentResidual (g, x, map, start, i));
            start = -1;
        }
    }
    if (! residuals.empty())
    {
        std::sort (residuals.begin(), residuals.end());
        SyncScore s;
        s.segments = (int) residuals.size();
        s.medianMs = residuals[residuals.size() / 2];
        s.p95Ms = residuals[std::min (residuals.size() - 1, (size_t) std::ceil (0.95 * residuals.size()) - 1)];
        result.syncScore = s;
    }
}
} // namespace loopstage::align
