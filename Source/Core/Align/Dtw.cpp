#include "Align/Dtw.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace loopstage::align
{
DtwPath warpPath (const FeatureFrames& g, const FeatureFrames& x, const DtwWindow& window, const DtwOptions& options)
{
    DtwPath result;
    const int n = std::min (g.frames(), (int) window.lo.size());
    if (n == 0 || x.frames() == 0)
        return result;
    const float inf = std::numeric_limits<float>::max() / 4;
    auto penaltyOf = [&] (const std::vector<char>* speech, int k)
    {
        return (speech == nullptr || (k < (int) speech->size() && (*speech)[(size_t) k])) ? options.speechPenalty : 0.0f;
    };

    // Way back: one byte per window cell, rows laid end to end.
    std::vector<std::int64_t> rowStart ((size_t) n + 1, 0);
    for (int i = 0; i < n; ++i)
        rowStart[(size_t) i + 1] = rowStart[(size_t) i] + std::max (0, window.hi[(size_t) i] - window.lo[(size_t) i] + 1);
    std::vector<unsigned char> from ((size_t) rowStart[(size_t) n], 0);
    std::vector<float> previous, current;
    int previousLo = 0, previousHi = -1;
    for (int i = 0; i < n; ++i)
    {
        const int lo = window.lo[(size_t) i], hi = window.hi[(size_t) i];
        current.assign ((size_t) std::max (0, hi - lo + 1), inf);
        auto above = [&] (int j) { return (j >= previousLo && j <= previousHi) ? previous[(size_t) (j - previousLo)] : inf; };
        const float guideHold = penaltyOf (options.guideSpeech, i);
        for (int j = lo; j <= hi; ++j)
        {
            const float d = options.takeReversed ? reversedFrameDistance (g, i, x, j) : frameDistance (g, i, x, j);
            float best = inf;
            unsigned char step = 0;
            if (i == 0)
                best = 0.0f, step = 0;   // open start
            else
            {
                if (const float c = above (j - 1); c < best)
                    best = c, step = 1;
                if (const float c = above (j) + 0.5f * d + penaltyOf (options.takeSpeech, j); c < best)
                    best = c, step = 2;
            }
            if (j > lo)
                if (const float c = current[(size_t) (j - 1 - lo)] + 0.5f * d + guideHold; c < best)
                    best = c, step = 3;
            if (best >= inf)
                continue;
            current[(size_t) (j - lo)] = best + d;
            from[(size_t) (rowStart[(size_t) i] + (j - lo))] = step;
        }
        std::swap (previous, current);
        previousLo = lo;
        previousHi = hi;
    }

    // Open end: the cheapest cell of the last row.
    int i = n - 1, j = -1;
    float best = inf;
    for (int c = previousLo; c <= previousHi; ++c)
        if (previous[(size_t) (c - previousLo)] < best)
            best = previous[(size_t) (c - previousLo)], j = c;
    if (j < 0)
        return result;
    result.cost = best;
    while (i >= 0)
    {
        result.cells.push_back ({ i, j });
        const auto step = from[(size_t) (rowStart[(size_t) i] + (j - window.lo[(size_t) i]))];
        if (step == 1) { --i; --j; }
        else if (step == 2) { --i; }
        else if (step == 3) { --j; }
        else break;
    }
    std::reverse (result.cells.begin(), result.cells.end());
    return result;
}

DtwWindow lineWindow (int guideFrames, int takeFrames, double slope, double intercept, int radius)
{
    DtwWindow w;
    w.lo.resize ((size_t) guideFrames);
    w.hi.resize ((size_t) guideFrames);
    const int last = std::max (0, takeFrames - 1);
    for (int i = 0; i < guideFrames; ++i)
    {
        const auto centre = (int) std::lround (slope * i + intercept);
        // Where the line leaves the take, the nearest end stays open: the path can hold there.
        w.lo[(size_t) i] = std::clamp (centre - radius, 0, last);
        w.hi[(size_t) i] = std::clamp (centre + radius, 0, last);
    }
    return w;
}

DtwWindow refineWindow (const DtwPath& coarse, int factor, int guideFrames, int takeFrames, int radius)
{
    DtwWindow w;
    w.lo.assign ((size_t) guideFrames, std::numeric_limits<int>::max());
    w.hi.assign ((size_t) guideFrames, -1);
    const int last = std::max (0, takeFrames - 1);
    for (const auto& c : coarse.cells)
        for (int i = c.guide * factor; i < std::min (guideFrames, (c.guide + 1) * factor); ++i)
        {
            w.lo[(size_t) i] = std::min (w.lo[(size_t) i], std::clamp (c.take * factor - radius, 0, last));
            w.hi[(size_t) i] = std::max (w.hi[(size_t) i], std::clamp ((c.take + 1) * factor - 1 + radius, 0, last));
        }
    // Rows past the coarse path's end (a guide shorter than factor x its coarse rows) follow the last.
    for (int i = 1; i < guideFrames; ++i)
        if (w.hi[(size_t) i] < 0)
            w.lo[(size_t) i] = w.lo[(size_t) i - 1], w.hi[(size_t) i] = w.hi[(size_t) i - 1];
    return w;
}
} // namespace loopstage::align
