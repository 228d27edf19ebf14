#pragma once
/** Sample peak and true peak (ITU-R BS.1770-4 Annex 2) of every channel, streaming.

    True peak is read on the Oversampler's (Core/Dsp) interpolated signal (8x for metering; 16x
    for the delivery checks). A block whose samples (with the filter's reach) are so low that even the
    filter's worst-case gain cannot lift them above the peak found so far is skipped: exact, and
    most of programme material is skipped once the loudest moment has been seen.
*/
#include "Dsp/Oversampler.h"

#include <cstddef>
#include <vector>

namespace loopstage::loudness
{
class TruePeakMeter
{
public:
    /** Allocates. `factor` is the oversampling ratio (>= 8 recommended). Not realtime. */
    void prepare (int channels, int factor, int maxBlock = 4096);
    void reset() noexcept;

    /** Meters `n` frames of every channel. @realtime */
    void process (const float* const* channels, int n) noexcept;
    /** Meters one channel; different channels may run on different threads at once. @realtime */
    void processChannel (int channel, const float* x, int n) noexcept;
    /** Feeds 16 zeros so the last samples' inter-sample peaks are seen (end of a file). */
    void flush() noexcept;

    /** Offline plots: append the true peak of every 256-sample chunk of `channel` here (and skip
        nothing, so every value is real). Allocates; leave unset on the audio thread. */
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
        dsp::Oversampler oversampler;
        std::vector<float> history;    // the last 15 samples' magnitudes, for the skip bound
        float truePeak = 0, samplePeak = 0;
        std::vector<float>* peakLog = nullptr;
    };
    std::vector<State> states;
};

/** 20 log10 (linear), -inf for 0. */
double toDecibels (double linear) noexcept;
} // namespace loopstage::loudness
