#pragma once
/** The whole fit of a take against its guide, on features that survive voice, room and noise:
    where the bulk of the words line up (the offset), the time warp, how sure the match is, and
    the sync score.

    1. Both files become log-mel frames on their own timelines (Features.h: 5 ms hop, 10 ms for
       pairs over 10 minutes so memory stays under 200 MB for 30 minutes), and speech frames.
    2. Coarse line (CoarseLine.h) on 40 ms frames: pace and lag of the best band-summed
       correlation.
    3. Coarse DTW (Dtw.h) on 40 ms frames within +/- 1..4 s of that line, then fine DTW on the
       5 ms frames within +/- 80 ms of the coarse path. Pauses absorb timing differences (steps
       that hold a speech frame pay a penalty); open start and end skip a slate, a breath or a tail.
    4. Offset in the editor's sense: the median over word onsets of (take onset - guide onset),
       onsets taken from whichever file shows its words more clearly (a booth take usually),
       each onset refined to the millisecond on the speech-band level. A loud word or a moved
       word is one vote among many.
    5. Confidence: the fine path's mean frame distance over speech against the same fit to the
       take played backwards (same voice, room and noise, words scrambled). A genuine take's
       words match far better forwards than backwards; another line, another language, noise
       or a tone match about as badly either way. The ratio is mapped to 0..1 so that the
       documented threshold (confidenceThreshold) separates them (docs/ALIGNMENT.md shows both
       distributions).
    6. Warp: the fine path, median-smoothed over 25 ms, a knot every 20 ms, strictly increasing.
*/
#include "Align/Align.h"
#include "Align/MonoSource.h"

namespace loopstage::align
{
/** Takes scoring at or above this are the line; below, a wrong take (calibrated on the labelled
    set of Tests/Core/Align/adr_set, which checks it). */
inline constexpr double confidenceThreshold = 0.5;

/** Fills result's offset (seconds and samples, at the guide's rate), confidence, and with
    options.warp the map; the sync score with options.warp or options.offsetSyncScore. */
void fitAlignment (const MonoSource& guide, const MonoSource& take, const AlignOptions& options,
                   AlignmentResult& result, Progress& progress);

/** The sync score of the take moved by `offsetSeconds` alone (no warp), residuals searched
    within +/- searchSeconds. Empty when the guide has no speech. */
std::optional<SyncScore> scoreOffset (const MonoSource& guide, const MonoSource& take, double offsetSeconds,
                                      double searchSeconds);

/** The sync score of `aligned` (a take already moved or warped onto the guide's timeline, e.g.
    the file `--out` wrote) against the guide, measured afresh: residuals searched within
    +/- searchSeconds. Empty when the guide has no speech. */
std::optional<SyncScore> scoreAligned (const MonoSource& guide, const MonoSource& aligned, double searchSeconds);
} // namespace loopstage::align
