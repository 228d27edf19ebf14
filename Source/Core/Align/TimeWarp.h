#pragma once
/** The time-warp fit for a re-performance that drifts against the guide, and its sync score.

    The take is first moved onto the guide's timeline by the global offset (and rate), then
    both are turned into log-mel frames (Features.h). Dynamic time warping finds the cheapest
    monotonic path through frame distances inside a band of +/- maxDrift around the diagonal
    (steps (1,1), (1,0), (0,1)). The path is smoothed (median over 25 ms) and sampled every 20 ms
    into a strictly increasing piecewise-linear map, which is what gets stored and rendered.

    Sync score: SyncScore.h, over the guide's speech segments, with the same map.
*/
#include "Align/Align.h"
#include "Align/MonoSource.h"

namespace loopstage::align
{
/** Fits the warp for `result` (its offset already found) and fills result.warp and
    result.syncScore. */
void fitWarp (const MonoSource& guide, const MonoSource& take, double maxDriftSeconds, AlignmentResult& result);

/** The sync score of the global offset alone (no warp): fills result.syncScore, or leaves it
    empty when the guide has no speech. Residuals are searched within +/- searchSeconds. */
void scoreOffset (const MonoSource& guide, const MonoSource& take, double searchSeconds, AlignmentResult& result);
} // namespace loopstage::align
