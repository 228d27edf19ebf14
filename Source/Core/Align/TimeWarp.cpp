#include "Align/TimeWarp.h"
#include "Align/Features.h"
#include "Align/MonoSource.h"
#include "Align/Resample.h"
#include "Align/SyncScore.h"

#include <algorithm>
#include <future>
#include <cmath>
#include <limits>

namespace loopstage::align
{
namespace
{
    // Take frame (fractional) matched to each guide frame by banded DTW. Memory: one byte per
    // cell for the way back (frames x (2 band + 1): 19 MB for 10 minutes at +/- 0.4 s) and two
    // rows of costs.
    std::vector<double> dtwPath (const FeatureFrames& g, const FeatureFrames& x, int band)
    {
        const int n = g.frames();
        const int width = 2 * band + 1;
        const float inf = std::numeric_limits<float>::max() / 4;
        std::vector<float> previous ((size_t) width, inf), current ((size_t) width, inf);
        std::vector<unsigned char> step ((size_t) n * (size_t) width, 0);
        int row = -1;
        auto at = [&] (int i, int j) -> float& { return (i == row ? current : previous)[(size_t) (j - i + band)]; };
        for (int i = 0; i < n; ++i)
        {
            std::swap (previous, current);
            std::fill (current.begin(), current.end(), inf);
            row = i;
            for (int j = std::max (0, i - band); j <= i + band; ++j)
            {
                const float d = frameDistance (g, i, x, j);
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
        }
        // End anywhere in the band on the last guide frame.
        int i = n - 1, j = i;
        float best = inf;
        for (int c = std::max (0, i - band); c <= i + band; ++c)
            if (at (i, c) < best)
                best = at (i, c), j = c;
        std::vector<double> path ((size_t) n);
        for (int k = 0; k < n; ++k)
            path[(size_t) k] = k;
        while (i >= 0 && j >= 0)
        {
            // The first take frame a guide frame meets: where a jump across a gap ends, the word
            // that follows starts (averaging the run would put the onset mid-jump).
            path[(size_t) i] = j;
            const auto from = step[(size_t) i * (size_t) width + (size_t) (j - i + band)];
            if (from == 1) { --i; --j; }
            else if (from == 2) { --i; }
            else if (from == 3) { --j; }
            else break;
        }
        return path;
    }


    // Frames of the guide, and of the take moved onto the guide's timeline (offset and rate) and
    // cut to the guide's length, both read span by span.
    // `nearestSample`: the offset rounded to a whole sample when the rates match (a plain copy,
    // no sinc filter): enough for a score at 1 ms resolution.
    std::pair<FeatureFrames, FeatureFrames> framesOf (const MonoSource& guide, const MonoSource& take,
                                                      const AlignmentResult& result, bool nearestSample = false)
    {
        const int rate = guide.sampleRate();
        const auto length = guide.frames();
        // The two files' features are independent: the guide's on a second core (different
        // sources, each with its own reader; FFTW planning is locked in Fft.cpp).
        auto guideFrames = std::async (std::launch::async, [&]
        {
            return logMelFrames ([&] (std::int64_t start, std::int64_t count, float* out) { guide.read (start, count, out); },
                                 length, rate);
        });
        double takeStart = result.offsetSeconds * take.sampleRate();
        if (nearestSample && take.sampleRate() == rate)
            takeStart = std::round (takeStart);
        const Resampler shift (take.sampleRate(), rate, takeStart);
        auto x = logMelFrames ([&] (std::int64_t start, std::int64_t count, float* out)
                               {
                                   // Before the guide starts the moved copy is silence too.
                                   const auto skip = std::clamp<std::int64_t> (-start, 0, count);
                                   std::fill (out, out + skip, 0.0f);
                                   readResampled (take, shift, start + skip, count - skip, out + skip, length);
                               },
                               length, rate);
        return { guideFrames.get(), std::move (x) };
    }
} // namespace

void fitWarp (const MonoSource& guide, const MonoSource& take, double maxDriftSeconds, AlignmentResult& result)
{
    const auto [g, x] = framesOf (guide, take, result);
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

void scoreOffset (const MonoSource& guide, const MonoSource& take, double searchSeconds, AlignmentResult& result)
{
    const auto [g, x] = framesOf (guide, take, result, true);
    std::vector<double> same ((size_t) g.frames());
    for (size_t i = 0; i < same.size(); ++i)
        same[i] = (double) i;
    result.syncScore = measureSync (g, x, same, 1000.0 * searchSeconds);
}
} // namespace loopstage::align
