#include "AudioFile/AudioFileReader.h"
#include "AudioFile/ChunkIo.h"
#include "Base/Error.h"

#include <algorithm>
#include <sndfile.h>

namespace loopstage::audio
{
struct AudioFileReader::Handle
{
    SNDFILE* file = nullptr;
    ~Handle()
    {
        if (file != nullptr)
            sf_close (file);
    }
};

AudioFileReader::AudioFileReader (const std::filesystem::path& file)
    : handle (std::make_unique<Handle>()), filePath (file)
{
    std::error_code ec;
    if (! std::filesystem::exists (file, ec))
        throwFileError (file, "no such file");
    if (std::filesystem::is_directory (file, ec))
        throwFileError (file, "is a folder, not an audio file");

    SF_INFO sfinfo {};
    handle->file = sf_open (file.c_str(), SFM_READ, &sfinfo);
    if (handle->file == nullptr)
        throwFileError (file, std::string ("not a readable audio file (") + sf_strerror (nullptr) + ")");
    if (sfinfo.channels <= 0 || sfinfo.samplerate <= 0)
        throwFileError (file, "audio header has no channels or no sample rate");

    fileInfo.sampleRate = sfinfo.samplerate;
    fileInfo.channels = sfinfo.channels;
    fileInfo.frames = sfinfo.frames;
    fileInfo.format = fromSndfileSubtype (sfinfo.format);
    fileInfo.container = fromSndfileMajor (sfinfo.format);
    auto metadata = detail::readChunks (handle->file);
    bextChunk = std::move (metadata.bext);
    ixmlChunk = std::move (metadata.ixml);
    ixmlSource = std::move (metadata.ixmlText);
    warnings = std::move (metadata.warnings);

    // Doubles and floats read back as written: no normalisation to [-1, 1].
    sf_command (handle->file, SFC_SET_NORM_FLOAT, nullptr, SF_TRUE);
}

AudioFileReader::~AudioFileReader() = default;

std::int64_t AudioFileReader::read (float* const* destination, std::int64_t frames)
{
    const int channels = fileInfo.channels;
    constexpr std::int64_t chunk = 8192;
    if ((std::int64_t) interleaved.size() < chunk * channels)
        interleaved.resize ((size_t) (chunk * channels));

    std::int64_t done = 0;
    while (done < frames)
    {
        const auto want = std::min (chunk, frames - done);
        const auto got = sf_readf_float (handle->file, interleaved.data(), want);
        if (got <= 0)
        {
            if (sf_error (handle->file) != SF_ERR_NO_ERROR)
                throwFileError (filePath, std::string ("read failed: ") + sf_strerror (handle->file));
            break;
        }
        for (int c = 0; c < channels; ++c)
        {
            float* out = destination[c] + done;
            const float* in = interleaved.data() + c;
            for (std::int64_t i = 0; i < got; ++i)
                out[i] = in[i * channels];
        }
        done += got;
        if (got < want)
            break;
    }
    return done;
}

void AudioFileReader::seek (std::int64_t frame)
{
    if (sf_seek (handle->file, frame, SEEK_SET) < 0)
        throwFileError (filePath, "cannot seek to frame " + std::to_string (frame));
}

AudioBuffer AudioFileReader::readRange (std::int64_t start, std::int64_t count)
{
    start = std::clamp<std::int64_t> (start, 0, fileInfo.frames);
    count = std::clamp<std::int64_t> (count, 0, fileInfo.frames - start);
    AudioBuffer buffer (fileInfo.channels, count, fileInfo.sampleRate);
    seek (start);
    std::vector<float*> pointers;
    for (auto& ch : buffer.channels)
        pointers.push_back (ch.data());
    const auto got = read (pointers.data(), count);
    if (got < count)
        throwFileError (filePath, "file is shorter than its header says (truncated?)");
    return buffer;
}

AudioFileInfo probeAudio (const std::filesystem::path& file)
{
    return AudioFileReader (file).info();
}

AudioBuffer readAudio (const std::filesystem::path& file)
{
    AudioFileReader reader (file);
    return reader.readRange (0, reader.info().frames);
}
} // namespace loopstage::audio
