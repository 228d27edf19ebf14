#include "Align/WarpRenderer.h"
#include "Align/ChannelSpans.h"
#include "Align/Resample.h"
#include "Align/RubberBandWarp.h"
#include "AudioFile/SoxrStream.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"

#include <algorithm>
#include <cmath>
#include <optional>

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
                    Progress& progress, const AlignedFileTags& tags, int threads)
{
    const auto info = audio::probeAudio (take);
    const int takeRate = (int) info.sampleRate;

    audio::AudioWriteOptions options;
    options.sampleRate = guideRate;
    options.channels = info.channels;
    options.format = writableFormat (info.format);
    options.bext = tags.bext;
    options.ixml = tags.ixml;
    audio::AudioFileWriter writer (out, options);

    if (alignment.warp.size() < 2)
    {
        // Block by block: memory is one block of each channel, whatever the take's length.
        // Another rate goes through libsoxr (flat to 20 kHz, SoxrStream.h); the same rate is a
        // pure fractional shift, which soxr cannot do, so it stays on Resampler.h.
        const double start = alignment.offsetSeconds * takeRate;
        const Resampler shift (takeRate, guideRate, start);
        std::optional<ChannelSpans> spans;
        std::optional<audio::SoxrStream> stream;
        if (audio::SoxrStream::canPlace (takeRate, guideRate))
            stream.emplace (take, guideRate, start, guideFrames);
        else
            spans.emplace (take, shift, guideFrames);
        std::vector<std::vector<float>> block;
        std::vector<const float*> pointers ((size_t) info.channels);
        const std::int64_t blockFrames = 1 << 16;
        for (std::int64_t first = 0; first < guideFrames; first += blockFrames)
        {
            const auto count = std::min (blockFrames, guideFrames - first);
            if (stream)
                stream->read (count, block);
            else
                spans->read (first, count, block);
            for (int c = 0; c < info.channels; ++c)
                pointers[(size_t) c] = block[(size_t) c].data();
            writer.write (pointers.data(), count);
            progress.update ((double) (first + count) / (double) guideFrames, "render");
        }
    }
    else
    {
        renderWarped (take, alignment, guideFrames, guideRate, writer, progress, threads);
    }
    writer.commit();
}
} // namespace loopstage::align
