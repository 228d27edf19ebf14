#pragma once
/** The sync score: how far the take's words still sit from the guide's once the alignment
    (warp map, or the global offset alone) has been applied. Internal to Align.

    Speech segments are found on the guide from its speech-band level (300 Hz - 4 kHz,
    Features.h), not its total level: a production track's traffic rumble and mains hum carry
    most of its power and would otherwise bury the words. Levels are judged against the guide's
    own noise floor (10th percentile of frames) and speech level (95th percentile): a frame
    starts speech above max(floor + 10 dB, speech - 35 dB) and stays speech down to 4 dB below
    that; gaps under 40 ms are bridged and segments under 100 ms dropped. Only segments where
    the take speaks too (the same test on the take, over the segment under the alignment
    +/- searchMs) are judged: a guide excerpt also carries other actors' lines. A guide whose
    speech level is less than 12 dB over its floor has no speech to judge: no score (null),
    never a made-up number.

    Each segment's residual is the lag (1 ms steps) that best matches the guide's frames to the
    take's frames under the alignment, over the segment's onset (20 ms before to 150 ms after:
    sync is judged where a word starts, and a re-performed word is rarely as long), searched
    within +/- searchMs: first at whole frames (5 ms), then to the millisecond around the best.
    A segment off by more than the search range counts as the range (p95 is then a lower
    bound). median_ms and p95_ms are over the segments' |residual|. With a warp the residual is
    measured on the features the warp was fitted to, so it reads near 0 when the fit holds; it
    shows where the fit failed, not the render's millisecond accuracy (WarpTests measure that).
*/
#include "Align/Align.h"
#include "Align/Features.h"

#include <optional>
#include <utility>
#include <vector>

namespace loopstage::align
{
/** Per frame: 1 where `frames` holds speech (the thresholds above, gaps under 40 ms bridged). */
std::vector<char> speechFrames (const FeatureFrames& frames);

/** [first, end) guide frames of each speech segment. */
std::vector<std::pair<int, int>> speechSegments (const FeatureFrames& guide);

/** `takeFrameOf[i]`: the (fractional) frame of `take` that the alignment plays at guide frame
    i. Empty when the guide has no speech segment. */
std::optional<SyncScore> measureSync (const FeatureFrames& guide, const FeatureFrames& take,
                                      const std::vector<double>& takeFrameOf, double searchMs);
} // namespace loopstage::align
