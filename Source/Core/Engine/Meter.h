#pragma once
/** A strip's meters: sample peak per channel and momentary loudness (ITU-R BS.1770 K-weighted,
    400 ms window, updated every 100 ms), written by the audio thread, read lock-free by the GUI.

    The audio thread only stores into atomics; readers never block it. Carried across graph
    rebuilds by strip id, so a meter does not flicker when the mix is edited.
*/
#include "Dsp/Biquad.h"

#include <array>
#include <atomic>
#include <cmath>

namespace loopstage::engine
{
class StripMeter
{
public:
    StripMeter (int channels, double sampleRate);

    int channels() const noexcept { return numChannels; }

    /** Audio thread: meters `count` samples of each channel. @realtime */
    void process (const float* const* channels, int count) noexcept;

    /** GUI: the largest |sample| of `channel` since the previous call (linear), and resets it. */
    float takePeak (int channel) noexcept { return peaks[(size_t) channel].exchange (0.0f, std::memory_order_relaxed); }

    /** GUI: the largest |sample| of `channel` since the meter was made (linear). */
    float peakHold (int channel) const noexcept { return holds[(size_t) channel].load (std::memory_order_relaxed); }

    /** GUI: momentary loudness in LUFS of the last 400 ms; -inf for silence. */
    float momentaryLufs() const noexcept { return momentary.load (std::memory_order_relaxed); }

private:
    int numChannels;
    dsp::Biquad shelf, highPass;   ///< K-weighting (BS.1770), the loudness meter's design
    std::array<std::array<double, 4>, 6> state {};   ///< per channel: shelf z1 z2, high-pass z1 z2
    std::array<double, 6> weight {};
    int blockLength = 4800, blockFill = 0, blockIndex = 0;
    double blockSum = 0;
    std::array<double, 4> lastBlocks {};

    std::array<std::atomic<float>, 6> peaks {}, holds {};
    std::atomic<float> momentary { -INFINITY };
};
} // namespace loopstage::engine
