#pragma once
/** Dynamic time warping inside a window that follows a guess of the path (the coarse-to-fine
    scheme of FastDTW): row i of the guide may only meet take columns [lo[i], hi[i]]. Memory is
    one byte per window cell for the way back plus two rows of costs, so it grows with the
    pair's length times the window's width, never length squared.

    Steps into cell (i, j), d = frameDistance (i, j):
    - diagonal from (i-1, j-1): + d
    - take holds, from (i-1, j): + d / 2 + pause penalty of take frame j
    - guide holds, from (i, j-1): + d / 2 + pause penalty of guide frame i
    The penalty is `speechPenalty` when the held frame is speech and 0 in a pause: a pause that
    is longer in one performance is absorbed in the pause instead of bending the path through
    the words on either side.
    Open ends: the path may start on any cell of row 0 and end on any cell of the last row, so
    a slate or a breath before the take's line, or more tail after it, costs nothing. */
#include "Align/Features.h"

#include <vector>

namespace loopstage::align
{
struct DtwWindow
{
    std::vector<int> lo, hi;   ///< per guide row, inclusive take columns (hi < lo: row unreachable)
};

struct DtwCell
{
    int guide = 0;
    int take = 0;
};

struct DtwPath
{
    std::vector<DtwCell> cells;   ///< from row 0 to the last row, monotonic in both
    double cost = 0.0;            ///< total along the path
};

struct DtwOptions
{
    float speechPenalty = 2.0f;
    const std::vector<char>* guideSpeech = nullptr;   ///< per frame, 1 = speech (null: all speech)
    const std::vector<char>* takeSpeech = nullptr;
    bool takeReversed = false;   ///< the take's frames are read backwards (Features.h reversedFrameDistance)
};

/** The cheapest path through `window`; empty cells when no path exists. */
DtwPath warpPath (const FeatureFrames& guide, const FeatureFrames& take, const DtwWindow& window,
                  const DtwOptions& options);

/** A window of +/- `radius` columns around the straight line j = slope * i + intercept. */
DtwWindow lineWindow (int guideFrames, int takeFrames, double slope, double intercept, int radius);

/** The window at `factor` times finer frames around a coarse path: every fine cell under a
    coarse path cell, widened by `radius` fine columns. */
DtwWindow refineWindow (const DtwPath& coarse, int factor, int guideFrames, int takeFrames, int radius);
} // namespace loopstage::align
