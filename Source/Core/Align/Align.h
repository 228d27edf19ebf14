#pragma once
/** ADR take alignment: where a re-recorded line sits against the production guide, and how to
    move (and time-warp) it onto the guide's timeline. Behind `loopstage align` and the ADR page.

    Design (docs/ALIGNMENT.md has the user-facing description):
    - Files are read span by span and mixed to mono as read (MonoSource.h): only what must be
      whole is held (4 kHz copies for the coarse search, feature frames and the DTW's way back
      for the warp), never a full-rate copy of a file; see docs/ALIGNMENT.md "Memory".
    - Global offset: OffsetFinder.h (coarse 4 kHz PHAT-beta search over all lags, then a
      full-rate Hannan-Thomson-weighted Welch cross-spectrum, exact sub-sample maximum).
      Convention of ../shared/CLI.md: take(t + offset) ~ guide(t), in guide samples.
    - Different rates: Resample.h brings the take onto the guide's rate (exact polyphase).
    - Warp (optional): Features.h (log-mel frames, 5 ms hop) -> TimeWarp.h (DTW in a band
      around the global offset -> smoothed monotonic piecewise-linear map) -> SyncScore.h (also for the offset alone).
    - Rendering: WarpRenderer.h (offset only: band-limited shift; warp: Rubber Band offline
      with a key-frame map, pitch and formants kept).
    The warp map is data ([guide seconds, take seconds] pairs), stored with the take in the
    session (session::Take::warp) so the take file is never rewritten.
    Threads: every function here is self-contained and may run on any worker thread; FFTW
    planning is serialised inside Fft.h. Not for the audio thread.
*/
#include "Align/OffsetFinder.h"
#include "Base/Progress.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace loopstage::align
{
/** One point of a warp map: `guideSeconds` into the guide plays `takeSeconds` into the take. */
struct WarpPoint
{
    double guideSeconds = 0.0;
    double takeSeconds = 0.0;
};

/** Residual misalignment after the fit, over words/segments of the guide (milliseconds). */
struct SyncScore
{
    double medianMs = 0.0;
    double p95Ms = 0.0;
    int segments = 0;
};

struct AlignOptions
{
    std::optional<double> maxOffsetSeconds;   ///< search +/- this; empty: every overlapping lag
    bool warp = false;                        ///< also fit a time warp and a sync score
    double maxDriftSeconds = 0.4;             ///< warp band either side of the global offset
    /** Without warp: also score the words' residual after the offset alone (costs about as much
        again as finding the offset: a feature pass over both files). With warp it is always scored. */
    bool offsetSyncScore = true;
};

struct AlignmentResult
{
    int sampleRate = 48000;                   ///< the guide's
    double offsetSeconds = 0.0;               ///< take(t + offset) ~ guide(t)
    double offsetSamples = 0.0;               ///< the same at the guide's rate
    double confidence = 0.0;                  ///< 0..1, see TimeWarp.h (confidenceThreshold)
    double matchRatio = 1.0;                  ///< words' distance forwards over backwards (TimeWarp.h)
    double peakToSidelobe = 0.0;              ///< waveform match of a copy (OffsetFinder.h); 0: not a copy
    std::vector<WarpPoint> warp;              ///< monotonic; empty without --warp
    std::optional<SyncScore> syncScore;       ///< residual after warp (or offset); empty: no speech
};

/** Aligns mono signals. */
AlignmentResult alignSignals (const MonoSignal& guide, const MonoSignal& take, const AlignOptions& options,
                           Progress& progress = Progress::none());

/** Aligns mono sources (MonoSource.h), reading them span by span. */
AlignmentResult alignSources (const MonoSource& guide, const MonoSource& take, const AlignOptions& options,
                              Progress& progress = Progress::none());

/** Reads both files (mono mix, span by span: memory does not grow with their full-rate size
    or channel count) and aligns them; InputError naming the file for bad input. */
AlignmentResult alignFiles (const std::filesystem::path& guide, const std::filesystem::path& take,
                            const AlignOptions& options, Progress& progress = Progress::none());

/** The take time (seconds) that plays at guide time `guideSeconds` under `result`
    (the warp map when there is one, else the global offset). */
double takeTimeAt (const AlignmentResult& result, double guideSeconds);
} // namespace loopstage::align
