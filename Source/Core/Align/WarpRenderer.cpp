#include "Align/WarpRenderer.h"
#include "Align/Resample.h"
#include "Align/RubberBandWarp.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"

#include <algorithm>
#include <cmath>

namespace loopstage::align
{
namespace
{
    audio::SampleFormat writableFormat (audio::SampleFormat f)
    {
        return f == audio::SampleFormat::other ? audio::SampleFormat::int24 : f;
    }
} // namespace

void renderAligned (const std::filesystem::path& take, const AlignmentResult& alignment,
                    std::int64_t guideFrames, int guideRate, const std::filesystem::path& out,
                    Progress& progress)
{
    audio::AudioFileReader reader (take);
    const auto info = reader.info();
    const int takeRate = (int) info.sampleRate;
    auto buffer = reader.readRange (0, info.frames);

    audio::AudioWriteOptions options;
    options.sampleRate = guideRate;
    options.channels = info.channels;
    options.format = writableFormat (info.format);
    audio::AudioFileWriter writer (out, options);

    audio::AudioBuffer rendered (info.channels, guideFrames, guideRate);
    if (alignment.warp.size() < 2)
    {
        const Resampler shift (takeRate, guideRate, alignment.offsetSeconds * takeRate);
        for (int c = 0; c < info.channels; ++c)
        {
            const auto& in = buffer.channels[(size_t) c];
            shift.process (in.data(), (std::int64_t) in.size(), 0, guideFrames,
                           rendered.channels[(size_t) c].data());
            progress.update ((c + 1.0) / info.channels, "render");
        }
    }
    else
    {
        renderWarped (buffer, takeRate, alignment, rendered, progress);
    }
    writer.write (rendered);
    writer.commit();
}
} // namespace loopstage::align
