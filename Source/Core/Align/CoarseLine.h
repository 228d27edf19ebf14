#pragma once
/** Where a take's line roughly sits against the guide, before any warping: the straight line
    take frame = slope * guide frame + intercept that best lines up the two performances'
    log-mel frames (40 ms frames, Features.h `pooled`).

    Waveforms of two performances do not correlate (other breaths, other phase, other speed);
    their spectral envelopes do. Each band is standardised over the file's speech frames and set
    to 0 in its pauses, so silence and noise do not vote, and the bands' cross-correlations are
    summed (one FFT pair per band). A re-performance at another pace only correlates well once
    the take is stretched to the guide's pace, so for lines up to a few minutes the take is
    resampled at paces 0.88 ... 1.12 and the best (pace, lag) wins. From a minute on (a scene, a
    reel) a pace off by a step drifts too far for any one lag (PAL speed-up, 4 %, drifts a minute
    over 30): excerpts of the guide each find their pace and lag, and the line most of them agree
    on wins. The result only places the warp's
    search band (TimeWarp.h): it needs to be right within a second, not to the frame. */
#include "Align/Features.h"

#include <optional>
#include <vector>

namespace loopstage::align
{
struct CoarseLine
{
    double slope = 1.0;        ///< take frames per guide frame
    double intercept = 0.0;    ///< take frame at guide frame 0
    double score = 0.0;        ///< normalised correlation at the peak, -1..1
    bool found = false;        ///< false: no speech in one of the files
};

/** `maxInterceptFrames`: only lines whose intercept is within +/- that many frames. */
CoarseLine findCoarseLine (const FeatureFrames& guide, const std::vector<char>& guideSpeech,
                           const FeatureFrames& take, const std::vector<char>& takeSpeech,
                           std::optional<double> maxInterceptFrames, bool searchPace);
} // namespace loopstage::align
