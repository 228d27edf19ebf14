#include "Engine/DelayLine.h"

namespace loopstage::engine
{
DelayLine::DelayLine (int channelCount, int delay)
    : numChannels (channelCount), delaySamples (delay),
      history ((size_t) channelCount * (size_t) (delay > 0 ? delay : 0), 0.0f)
{
}

void DelayLine::process (float* const* channels, int count) noexcept
{
    if (delaySamples <= 0)
        return;
    int index = writeIndex;
    for (int c = 0; c < numChannels; ++c)
    {
        float* ring = history.data() + (size_t) c * (size_t) delaySamples;
        float* x = channels[c];
        index = writeIndex;
        for (int i = 0; i < count; ++i)
        {
            const float out = ring[index];
            ring[index] = x[i];
            x[i] = out;
            if (++index == delaySamples)
                index = 0;
        }
    }
    writeIndex = index;
}
} // namespace loopstage::engine
