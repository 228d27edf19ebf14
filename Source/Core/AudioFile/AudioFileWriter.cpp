#include "AudioFile/AudioFileWriter.h"
#include "AudioFile/ChunkIo.h"
#include "AudioFile/PcmEncoder.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sndfile.h>
#include <unistd.h>

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
    int fd = -1;                      ///< libsndfile's descriptor (it closes it)
    std::int64_t writebackFrom = 0;   ///< bytes already handed to the kernel's writeback

    /** Starts the disk writing what has been written so far, without waiting for it: the
        fsync on commit then finds little left (a render's stems otherwise wait there for
        every byte at once). */
    void startWriteback()
    {
        const auto end = (std::int64_t) ::lseek (fd, 0, SEEK_CUR);
        if (end > writebackFrom)
        {
            ::sync_file_range (fd, writebackFrom, end - writebackFrom, SYNC_FILE_RANGE_WRITE);
            writebackFrom = end;
        }
    }
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

    handle->fd = ::open (handle->atomic.tempPath().c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (handle->fd < 0)
        throwFileError (target, std::string ("cannot create audio file: ") + std::strerror (errno));
    // libsndfile owns the descriptor from here, and closes it itself if opening fails.
    handle->file = sf_open_fd (handle->fd, SFM_WRITE, &sfinfo, SF_TRUE);
    if (handle->file == nullptr)
        throwFileError (target, std::string ("cannot create audio file: ") + sf_strerror (nullptr));
    if (choice.autoDowngrade)
        sf_command (handle->file, SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE);
    detail::writeChunks (handle->file, target, options.bext, options.ixml);
    // Integer files clip out-of-range floats instead of wrapping them around.
    sf_command (handle->file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    rawPcm = riff && canEncodePcm (options.format);
}

AudioFileWriter::~AudioFileWriter() = default;

const std::filesystem::path& AudioFileWriter::targetPath() const noexcept
{
    return handle->atomic.targetPath();
}

void AudioFileWriter::write (const float* const* source, std::int64_t frames)
{
    const int channels = options.channels;
    // Interleaved in cache-sized pieces; raw PCM is gathered up to 4 MB per write.
    constexpr std::int64_t piece = 2048;
    if ((std::int64_t) interleaved.size() < piece * channels)
        interleaved.resize ((size_t) (piece * channels));
    const int bytesPerFrame = rawPcm ? channels * pcmBytes (options.format) : 0;
    const std::int64_t framesPerWrite = rawPcm ? std::max<std::int64_t> (piece, (4 << 20) / bytesPerFrame) : piece;
    if (rawPcm && encoded.size() < (size_t) (std::min (frames, framesPerWrite) * bytesPerFrame + 16))
        encoded.resize ((size_t) (std::min (frames, framesPerWrite) * bytesPerFrame + 16));

    for (std::int64_t done = 0; done < frames;)
    {
        const auto batch = std::min (framesPerWrite, frames - done);
        std::size_t bytes = 0;
        for (std::int64_t at = 0; at < batch; at += piece)
        {
            const auto n = std::min (piece, batch - at);
            for (int c = 0; c < channels; ++c)
            {
                const float* in = source[c] + done + at;
                for (std::int64_t i = 0; i < n; ++i)
                    interleaved[(size_t) (i * channels + c)] = in[i];
            }
            if (rawPcm)
                bytes += encodePcm (options.format, interleaved.data(), n * channels, encoded.data() + bytes);
            else if (sf_writef_float (handle->file, interleaved.data(), n) != n)
                throwFileError (targetPath(), std::string ("write failed (disk full?): ") + sf_strerror (handle->file));
        }
        if (rawPcm && sf_write_raw (handle->file, encoded.data(), (sf_count_t) bytes) != (sf_count_t) bytes)
            throwFileError (targetPath(), std::string ("write failed (disk full?): ") + sf_strerror (handle->file));
        if (rawPcm && bytes >= (1 << 18))
            handle->startWriteback();
        done += batch;
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
