#pragma once
/** Log-mel frames for the time-warp fit: 32 mel bands, 100 Hz - 8 kHz (lower when either file of the pair is at a low rate: sharedTopHz), 1024-sample Hann window
    (at 48 kHz), 5 ms hop (10 ms for very long pairs, see TimeWarp.h). Frame i is centred on the
    sample nearest i * hop seconds, so files at other rates (a 44.1 kHz take) keep frame times
    exact instead of drifting by a rounded hop. Each band has its mean over the file removed, so a booth EQ or a
    different level (a constant per band in log terms) does not count as a difference. Deltas
    (next minus previous frame) follow the 32 bands, so a frame has 64 values. */
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace loopstage::align
{
struct FeatureFrames
{
    int bands = 32;                     ///< values per frame (64 once deltas are appended)
    double hopSeconds = 0.005;
    std::vector<float> values;          ///< frames x bands, row-major
    std::vector<float> energyDb;        ///< per frame, before normalising
    std::vector<float> speechDb;        ///< per frame, power in the speech band 300 Hz - 4 kHz (dB):
                                        ///< where words are, even under traffic rumble and hum

    std::vector<unsigned char> quiet;   ///< frames x 32: 1 where the band sits at its noise floor (empty: none)
    int frames() const noexcept { return bands > 0 ? (int) (values.size() / (size_t) bands) : 0; }
    const float* frame (int i) const noexcept { return values.data() + (size_t) i * (size_t) bands; }
};

/** Euclidean distance between frame i of `a` (the guide) and frame j of `b`; 1000 when j is
    outside `b` (a lag past either end never matches). Where `a`'s band is quiet (at its noise
    floor) its level only counts when `b` is louder there, and its delta a quarter: a production
    track's noise neither hides the take's words nor stands in for them (bounded marginalisation,
    as missing-data speech recognisers do). Shared by the warp's DTW and the sync score. */
float frameDistance (const FeatureFrames& a, int i, const FeatureFrames& b, int j) noexcept;

/** frameDistance against `b` played backwards: its frame j is b's frame (frames - 1 - j) with
    the deltas negated. The same voice, room and noise with the words scrambled, the baseline a
    wrong take is judged against (TimeWarp.h), without copying a reel's frames. */
float reversedFrameDistance (const FeatureFrames& a, int i, const FeatureFrames& b, int j) noexcept;

/** Reads samples [start, start + count) of a signal into `out` (silence outside it). */
using SampleReader = std::function<void (std::int64_t start, std::int64_t count, float* out)>;

/** Frames of a signal of `length` samples at `sampleRate`, pulled through `read` a second or
    so at a time; frame i is centred on i * hop. Memory: the frames (64 floats each, 51 KB a
    second) and one block of samples. */
FeatureFrames logMelFrames (const SampleReader& read, std::int64_t length, int sampleRate,
                            double hopSeconds = 0.005, double topHz = 8000.0);

/** The mel bands' top for a pair of files: 8 kHz, or less when either file's rate cannot carry
    it (0.45 of the lower rate), so band k means the same frequencies in both. */
double sharedTopHz (int guideRate, int takeRate) noexcept;

/** Frames `factor` times longer: each the mean of `factor` frames' values, with the loudest of
    their levels (a word inside the longer frame still reads as speech). `backwards`: of the
    frames played backwards (reversedFrameDistance). */
FeatureFrames pooled (const FeatureFrames& frames, int factor, bool backwards = false);

/** The same over samples in memory. */
FeatureFrames logMelFrames (const std::vector<float>& samples, int sampleRate, double hopSeconds = 0.005);
} // namespace loopstage::align
