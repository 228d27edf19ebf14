#pragma once
// Deterministic test audio and small file helpers shared by the AudioFile tests.
#include "AudioFile/AudioBuffer.h"

#include <filesystem>
#include <string>

namespace loopstage::test
{
/** A distinct value at every (channel, frame), inside ±0.9 so integer formats never clip. */
inline float testSample (int channel, std::int64_t frame)
{
    return (float) (((frame * 7 + channel * 13) % 20011) / 20011.0 - 0.5) * 1.8f;
}

inline audio::AudioBuffer testBuffer (int channels, std::int64_t frames, double rate)
{
    audio::AudioBuffer b (channels, frames, rate);
    for (int c = 0; c < channels; ++c)
        for (std::int64_t i = 0; i < frames; ++i)
            b.channels[(size_t) c][(size_t) i] = testSample (c, i);
    return b;
}

/** The first `n` bytes of a file. */
std::string fileHead (const std::filesystem::path& file, size_t n);
} // namespace loopstage::test
