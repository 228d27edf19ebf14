#include "AudioFile/AudioFileWriter.h"
#include "AudioFile/ChunkIo.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"

#include <algorithm>
#include <sndfile.h>

namespace loopstage::audio
{
struct AudioFileWriter::Handle
{
    explicit Handle (const std::filesystem::path& target) : atomic (target) {}
    ~Handle()
    {
        if (file != nullptr)
            sf_close (file);
    }

    AtomicFile atomic;
    SNDFILE* file = nullptr;
};

SndfileContainerChoice sndfileContainerFor (Container container) noexcept
{
    switch (container)
    {
        case Container::wav: return { SF_FORMAT_RF64, true };
        case Container::rf64: return { SF_FORMAT_RF64, false };
        default: return { toSndfileMajor (container), false };
    }
}

AudioFileWriter::AudioFileWriter (const std::filesystem::path& target, const AudioWriteOptions& opts)
    : handle (std::make_unique<Handle> (target)), options (opts)
{
    if (options.channels <= 0 || options.sampleRate <= 0)
        throwFileError (target, "cannot write audio with no channels or no sample rate");

    const auto container = options.container.value_or (containerForExtension (target.string()));
    SF_INFO sfinfo {};
    sfinfo.samplerate = (int) options.sampleRate;
    sfinfo.channels = options.channels;
    const auto choice = sndfileContainerFor (container);
    sfinfo.format = choice.major | toSndfileSubtype (options.format);
    if (! sf_format_check (&sfinfo))
        throwFileError (target, "cannot write " + toString (options.format) + " in a " + toString (container) + " file");
    const bool riff = container == Container::wav || container == Container::rf64;
    if ((options.bext || options.ixml) && ! riff)
        throwFileError (target, "bext and iXML metadata need a WAV or RF64 file, not " + toString (container));

    handle->file = sf_open (handle->atomic.tempPath().c_str(), SFM_WRITE, &sfinfo);
    if (handle->file == nullptr)
        throwFileError (target, std::string ("cannot create audio file: ") + sf_strerror (nullptr));
    if (choice.autoDowngrade)
        sf_command (handle->file, SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE);
    detail::writeChunks (handle->file, target, options.bext, options.ixml);
    // Integer files clip out-of-range floats instead of wrapping them around.
    sf_command (handle->file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
}

AudioFileWriter::~AudioFileWriter() = default;

const std::filesystem::path& AudioFileWriter::targetPath() const noexcept
{
    return handle->atomic.targetPath();
}

void AudioFileWriter::write (const float* const* source, std::int64_t frames)
{
    const int channels = options.channels;
    constexpr std::int64_t chunk = 8192;
    if ((std::int64_t) interleaved.size() < chunk * channels)
        interleaved.resize ((size_t) (chunk * channels));

    for (std::int64_t done = 0; done < frames;)
    {
        const auto n = std::min (chunk, frames - done);
        for (int c = 0; c < channels; ++c)
            for (std::int64_t i = 0; i < n; ++i)
                interleaved[(size_t) (i * channels + c)] = source[c][done + i];
        if (sf_writef_float (handle->file, interleaved.data(), n) != n)
            throwFileError (targetPath(), std::string ("write failed (disk full?): ") + sf_strerror (handle->file));
        done += n;
    }
    written += frames;
}

void AudioFileWriter::write (const AudioBuffer& buffer)
{
    if (buffer.numChannels() != options.channels)
        throwFileError (targetPath(), "buffer has " + std::to_string (buffer.numChannels()) + " channels, file "
                                          + std::to_string (options.channels));
    std::vector<const float*> pointers;
    for (auto& ch : buffer.channels)
        pointers.push_back (ch.data());
    write (pointers.data(), buffer.numFrames());
}

void AudioFileWriter::commit()
{
    sf_write_sync (handle->file);
    const int closed = sf_close (handle->file);
    handle->file = nullptr;
    if (closed != 0)
        throwFileError (targetPath(), "cannot finish the file (disk full?)");
    handle->atomic.commit();
}

void writeAudio (const std::filesystem::path& target, const AudioBuffer& buffer, SampleFormat format)
{
    AudioFileWriter writer (target, { buffer.sampleRate, buffer.numChannels(), format, std::nullopt });
    writer.write (buffer);
    writer.commit();
}
} // namespace loopstage::audio
