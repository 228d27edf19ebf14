#pragma once
/** Sample peak and true peak (ITU-R BS.1770-4 Annex 2) of every channel, streaming.

    True peak is read by dsp::TruePeakDetector: 16x, with a filter long enough to be right near
    Nyquist, wherever its scan says a block could raise the peak found so far. Most of a
    programme is not even scanned once its loudest moment has been seen.
*/
#include "Dsp/TruePeakDetector.h"

#include <cstddef>
#include <vector>

namespace loopstage::loudness
{
class TruePeakMeter
{
public:
    /** Allocates. Not realtime. */
    void prepare (int channels, int maxBlock = 4096);
    void reset() noexcept;

    /** Meters `n` frames of every channel. @realtime */
    void process (const float* const* channels, int n) noexcept;
    /** Meters one channel; different channels may run on different threads at once. @realtime */
    void processChannel (int channel, const float* x, int n) noexcept;
    /** Feeds the detector's latency in zeros so the last samples' inter-sample peaks are seen
        (end of a file). */
    void flush() noexcept;

    /** Offline plots: append the true peak of every 256-sample chunk of `channel` here (the
        detector's 256-sample latency puts each value one chunk late; every chunk is scanned,
        so small values are real too, within the scan's accuracy). Allocates; leave unset on the
        audio thread. */
    void setHistory (int channel, std::vector<float>* peaksPer256) noexcept { states[(std::size_t) channel].peakLog = peaksPer256; }
    static constexpr int historyStep = 256;

    int channels() const noexcept { return (int) states.size(); }
    /** Linear peaks (1.0 = 0 dBFS). */
    float truePeak (int channel) const noexcept { return states[(std::size_t) channel].truePeak; }
    float samplePeak (int channel) const noexcept { return states[(std::size_t) channel].samplePeak; }
    float truePeak() const noexcept;
    float samplePeak() const noexcept;

private:
    struct State
    {
        dsp::TruePeakDetector detector;
        float truePeak = 0, samplePeak = 0;
        std::vector<float>* peakLog = nullptr;
    };
    std::vector<State> states;
};

/** 20 log10 (linear), -inf for 0. */
double toDecibels (double linear) noexcept;
} // namespace loopstage::loudness
