#pragma once
/** ADR take alignment: where a re-recorded line sits against the production guide, and how to
    move (and time-warp) it onto the guide's timeline. Behind `loopstage align` and the ADR page.

    Design (docs/ALIGNMENT.md has the user-facing description):
    - Files are read span by span and mixed to mono as read (MonoSource.h): only what must be
      whole is held (feature frames and the DTW's band), never a full-rate copy of a file;
      memory grows linearly with length (docs/ALIGNMENT.md "Memory").
    - Features.h: log-mel frames (5 ms hop; 10 ms past 10 min) on each file's own timeline, so
      voice, room, noise and sample rate matter little.
    - TimeWarp.h: a coarse line (CoarseLine.h: pace and lag on 40 ms frames), coarse-to-fine
      DTW around it (Dtw.h: open ends, pause-aware steps), then the offset as an editor's bulk
      sync (median over word onsets, refined on level curves, OnsetRefiner.h), or for a copy of
      the guide's sound the waveform match to a fraction of a sample (OffsetFinder.h, polarity
      aware). Confidence: the words' match forwards against the take played backwards.
      Convention of ../shared/CLI.md: take(t + offset) ~ guide(t), in guide samples.
    - Different rates: Resample.h brings the take onto the guide's rate for the waveform match
      and the render (exact polyphase, fractional offset folded in).
    - SyncScore.h: the words' residual after the warp or the offset alone.
    - Rendering: WarpRenderer.h (offset only: band-limited shift; warp: Rubber Band piece by
      piece, RubberBandWarp.h).
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
    bool inverted = false;                    ///< a copy whose polarity is flipped (mic or cable wired the other way)
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
