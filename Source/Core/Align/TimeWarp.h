#pragma once
/** The time-warp fit for a re-performance that drifts against the guide, and its sync score.

    The take is first moved onto the guide's timeline by the global offset (and rate), then
    both are turned into log-mel frames (Features.h). Dynamic time warping finds the cheapest
    monotonic path through frame distances inside a band of +/- maxDrift around the diagonal
    (steps (1,1), (1,0), (0,1)). The path is smoothed (median over 25 ms) and sampled every 20 ms
    into a strictly increasing piecewise-linear map, which is what gets stored and rendered.

    Sync score: the guide is cut into speech segments (frames above the 10th-percentile
    level plus 40 % of the way to the loudest),
    and for each segment the residual lag between guide frames and the warped take's frames is
    found by searching +/- 100 ms (1 ms steps, linear interpolation between frames). median_ms
    and p95_ms are over segments' |residual|.
*/
#include "Align/Align.h"

namespace loopstage::align
{
/** Fits the warp for `result` (its offset already found) and fills result.warp and
    result.syncScore. */
void fitWarp (const MonoSignal& guide, const MonoSignal& take, double maxDriftSeconds, AlignmentResult& result);
} // namespace loopstage::align
