#include "AudioFile/AudioFileReader.h"
#include "AudioFile/ChunkIo.h"
#include "Base/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sndfile.h>

namespace loopstage::audio
{
namespace
{
    std::uint64_t le (const unsigned char* p, int bytes) noexcept
    {
        std::uint64_t v = 0;
        for (int i = bytes - 1; i >= 0; --i)
            v = v << 8 | p[i];
        return v;
    }

    /** The frames a RIFF/RF64 WAVE header declares in its data chunk, or -1 when it cannot
        tell. libsndfile reports only the frames present, so this is how a truncated file is
        told from a region that runs past a whole file. */
    std::int64_t declaredWaveFrames (const std::filesystem::path& file)
    {
        std::FILE* f = std::fopen (file.c_str(), "rb");
        if (f == nullptr)
            return -1;
        unsigned char head[12], chunk[8], body[28];
        std::int64_t result = -1;
        std::uint64_t ds64DataBytes = 0, blockAlign = 0;
        const bool wave = std::fread (head, 1, 12, f) == 12 && std::memcmp (head + 8, "WAVE", 4) == 0;
        const bool rf64 = wave && std::memcmp (head, "RF64", 4) == 0;
        while (wave && std::fread (chunk, 1, 8, f) == 8)
        {
            const auto bytes = le (chunk + 4, 4);
            const auto got = std::fread (body, 1, (size_t) std::min<std::uint64_t> (bytes, sizeof body), f);
            if (std::memcmp (chunk, "ds64", 4) == 0 && got >= 16)
                ds64DataBytes = le (body + 8, 8);
            else if (std::memcmp (chunk, "fmt ", 4) == 0 && got >= 14)
                blockAlign = le (body + 12, 2);
            else if (std::memcmp (chunk, "data", 4) == 0)
            {
                const auto dataBytes = rf64 && bytes == 0xFFFFFFFFu ? ds64DataBytes : bytes;
                if (blockAlign > 0)
                    result = (std::int64_t) (dataBytes / blockAlign);
                break;
            }
            if (std::fseek (f, (long) (bytes + (bytes & 1) - got), SEEK_CUR) != 0)
                break;
        }
        std::fclose (f);
        return result;
    }
} // namespace

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
    fileInfo.headerFrames = fileInfo.frames;
    if (fileInfo.container == Container::wav || fileInfo.container == Container::rf64)
        fileInfo.headerFrames = std::max (fileInfo.frames, declaredWaveFrames (file));
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
