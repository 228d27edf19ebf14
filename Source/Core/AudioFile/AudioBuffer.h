#pragma once
/** Planar float audio in memory: one contiguous vector per channel.

    Planar because every consumer (meters, correlators, the mixer) works a channel at a time.
*/
#include <cstddef>
#include <cstdint>
#include <vector>

namespace loopstage::audio
{
struct AudioBuffer
{
    double sampleRate = 48000.0;
    std::vector<std::vector<float>> channels;

    AudioBuffer() = default;
    AudioBuffer (int numChannels, std::int64_t numFrames, double rate)
        : sampleRate (rate), channels ((size_t) numChannels, std::vector<float> ((size_t) numFrames, 0.0f))
    {
    }

    int numChannels() const noexcept { return (int) channels.size(); }
    std::int64_t numFrames() const noexcept { return channels.empty() ? 0 : (std::int64_t) channels[0].size(); }
    double durationSeconds() const noexcept { return sampleRate > 0 ? (double) numFrames() / sampleRate : 0.0; }
};
} // namespace loopstage::audio
