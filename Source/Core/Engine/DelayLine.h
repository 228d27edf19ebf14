#pragma once
/** A fixed multichannel delay in samples: used by the delay insert and by plug-in delay
    compensation on graph edges. The state is the last `delay` samples of each channel, so the
    output never depends on block boundaries. Allocates only in its constructor. */
#include <cstddef>
#include <cstdint>
#include <vector>

namespace loopstage::engine
{
class DelayLine
{
public:
    DelayLine (int channels, int delaySamples);

    int delay() const noexcept { return delaySamples; }
    int channels() const noexcept { return numChannels; }

    /** Delays channels[0..numChannels) in place by `delay` samples. @realtime */
    void process (float* const* channels, int count) noexcept;

private:
    int numChannels, delaySamples;
    std::vector<float> history;   ///< channel-major, `delaySamples` each, a ring
    int writeIndex = 0;
};
} // namespace loopstage::engine
