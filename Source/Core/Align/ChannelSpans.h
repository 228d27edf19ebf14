#pragma once
/** A take's channels brought onto the guide's rate and timeline by a Resampler, read from the
    file one span at a time, for the render (WarpRenderer.h): a long multichannel take is never
    held whole. Output beyond `outputEnd` is silence. Not thread-safe (one open reader). */
#include "Align/Resample.h"
#include "AudioFile/AudioFileReader.h"

#include <filesystem>
#include <vector>

namespace loopstage::align
{
class ChannelSpans
{
public:
    ChannelSpans (const std::filesystem::path& take, const Resampler& resampler, std::int64_t outputEnd);

    int channels() const noexcept { return reader.info().channels; }

    /** Output samples [first, first + count) of every channel, into out[channel] (resized to
        count); bit-identical to resampling the whole take. */
    void read (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& out);

private:
    audio::AudioFileReader reader;
    const Resampler& resampler;
    std::int64_t end = 0;
};
} // namespace loopstage::align
