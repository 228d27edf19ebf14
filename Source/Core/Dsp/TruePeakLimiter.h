#pragma once
/** Look-ahead true-peak limiter: keeps the oversampled (inter-sample) peak of its output at or
    below a ceiling, touching only the moments that need it.

    Detector: every channel through a TruePeakDetector (16x, exact wherever the signal comes
    near the ceiling); per sample the worst phase of all channels gives the gain that sample
    needs (ceiling / peak, at most 1). Its reach is the caller's choice: Reach::live (256
    samples of latency) for inserts and plug-ins, Reach::reference (2048) for deliveries, which
    must hold the ceiling as the meters read it even for content in the last 0.5 % below
    Nyquist (an abrupt burst alternating sample by sample rings there, and only the long read
    sees how far). A deep gain change moves the peaks it was computed from a little (the
    interpolated value is made of samples up to 2048 away, which got other gains), so the
    reference limiter ends in a second, trimming stage: the same limiter run on the first
    stage's output, where the few hundredths of a dB left over are caught by gains too small
    to move anything again. That requirement is
    held for the look-ahead time (a running minimum), released smoothly (one-pole, default
    80 ms) and then averaged over the look-ahead window: the average of values that are all at or
    below the requirement cannot exceed it, so the gain reaches it exactly in time, with a
    raised-ramp attack and no clicks. One gain for all channels keeps the image. The audio is
    delayed by latencySamples().

    Shared by the normaliser, and later the engine's master and plugins: process() is
    @realtime once prepare() has run.
*/
#include "Dsp/TruePeakDetector.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace loopstage::dsp
{
/** The limiter as a built-in insert sets it up (the engine's "limiter", the plug-in). */
struct LimiterSettings
{
    double ceilingDbtp = -1.0;   ///< the output's true peak (16x) stays at or below this
    double lookaheadMs = 5.0;    ///< also its latency, compensated by the graph
    double releaseMs = 80.0;
};

class TruePeakLimiter
{
public:
    /** Allocates everything. Not realtime. */
    void prepare (int channels, double sampleRate, int maxBlock, double ceilingDbtp,
                  double lookaheadMs = 5.0, double releaseMs = 80.0,
                  TruePeakDetector::Reach reach = TruePeakDetector::Reach::live);
    void reset() noexcept;
    /** Moves the ceiling (dBTP) of a prepared limiter, e.g. a plug-in parameter. @realtime */
    void setCeiling (double ceilingDbtp) noexcept;
    /** Sets the release time of a prepared limiter. @realtime */
    void setRelease (double releaseMs, double sampleRate) noexcept;

    /** Limits `n` frames in place (n <= maxBlock); the output lags the input by
        latencySamples(). @realtime */
    void process (float* const* channels, int n) noexcept;

    int latencySamples() const noexcept
    {
        return ownLatency() + (trim != nullptr ? trim->latencySamples() : 0);
    }
    /** Deepest gain reduction since prepare/reset, in dB (0 when it never acted). */
    double maxReductionDb() const noexcept;

private:
    int numChannels = 0, window = 240, maxBlockSize = 0;
    int detectorDelay = TruePeakDetector::readTaps / 2;
    std::unique_ptr<TruePeakLimiter> trim;   // Reach::reference only
    float ceiling = 1.0f;
    double releaseCoefficient = 0.0;
    std::vector<TruePeakDetector> detectors;
    std::vector<float> peaks, channelPeaks;
    // An interval's peak is made by its neighbours too: its gain covers `spread` samples either
    // side, so the attack ramp's slope cannot lift the samples next to a peak over the ceiling.
    static constexpr int spread = 4;
    float recentPeaks[2 * spread + 2] = {};
    int recentPos = 0;

    // Requirement timeline: running minimum over the look-ahead (monotonic queue in a ring).
    std::vector<std::int64_t> queueIndex;
    std::vector<float> queueValue;
    int queueHead = 0, queueSize = 0;
    std::int64_t time = 0;

    double envelope = 1.0;
    std::vector<double> boxRing;
    double boxSum = 0.0;
    int boxPos = 0;

    std::vector<std::vector<float>> delay;   // per channel ring of latency + 1 samples
    int delayPos = 0;
    float minGain = 1.0f;

    void prepareStage (int channels, double sampleRate, int maxBlock, double ceilingDbtp,
                       double lookaheadMs, double releaseMs, TruePeakDetector::Reach reach);
    float pushRequirement (float required) noexcept;
    int ownLatency() const noexcept { return detectorDelay + spread + window - 1; }
};
} // namespace loopstage::dsp
