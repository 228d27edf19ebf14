#pragma once
/** Reads audio files through libsndfile (WAV/BWF, RF64, AIFF, FLAC and what else it knows).

    Streaming: read() pulls the next block, so a 10-minute take never has to sit in memory.
    Opening checks the file and throws InputError naming it when it is missing, corrupt or
    unsupported. Not for the audio thread (it does file I/O): the engine reads ahead on its own
    thread.
*/
#include "AudioFile/AudioBuffer.h"
#include "AudioFile/BextChunk.h"
#include "AudioFile/IxmlChunk.h"
#include "AudioFile/SampleFormat.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loopstage::audio
{
struct AudioFileInfo
{
    double sampleRate = 0;
    int channels = 0;
    std::int64_t frames = 0;
    SampleFormat format = SampleFormat::other;
    Container container = Container::other;
    /** Frames the header declares (WAV/RF64 data chunk size); more than `frames` when the file
        was cut short after its header was written (a crashed recorder, a partial copy), where
        `frames` counts only what is there. Equal to `frames` for other containers. */
    std::int64_t headerFrames = 0;

    /** The file holds fewer frames than its header declares. */
    bool truncated() const noexcept { return headerFrames > frames; }

    double durationSeconds() const noexcept { return sampleRate > 0 ? (double) frames / sampleRate : 0.0; }
};

class AudioFileReader
{
public:
    explicit AudioFileReader (const std::filesystem::path& file);
    ~AudioFileReader();
    AudioFileReader (const AudioFileReader&) = delete;
    AudioFileReader& operator= (const AudioFileReader&) = delete;

    const AudioFileInfo& info() const noexcept { return fileInfo; }
    const std::filesystem::path& path() const noexcept { return filePath; }

    /** The file's bext chunk (Broadcast WAV), when it has a readable one. */
    const std::optional<BextChunk>& bext() const noexcept { return bextChunk; }
    /** The file's iXML chunk, when it has a well-formed one. */
    const std::optional<IxmlChunk>& ixml() const noexcept { return ixmlChunk; }
    /** The iXML chunk's text as stored (trailing padding removed); empty without one. Keeps the
        elements IxmlChunk does not model. */
    const std::string& ixmlText() const noexcept { return ixmlSource; }
    /** Metadata chunks that were present but could not be read, one sentence each. */
    const std::vector<std::string>& metadataWarnings() const noexcept { return warnings; }

    /** Reads up to `frames` frames into planar `destination[channel][0..frames)`; returns the
        number read (0 at the end). */
    std::int64_t read (float* const* destination, std::int64_t frames);

    /** Moves the read position to `frame`. */
    void seek (std::int64_t frame);

    /** Reads frames [start, start + count) into a new buffer (shorter at the file's end). */
    AudioBuffer readRange (std::int64_t start, std::int64_t count);

private:
    struct Handle;
    std::unique_ptr<Handle> handle;
    std::filesystem::path filePath;
    AudioFileInfo fileInfo;
    std::optional<BextChunk> bextChunk;
    std::optional<IxmlChunk> ixmlChunk;
    std::string ixmlSource;
    std::vector<std::string> warnings;
    std::vector<float> interleaved;
};

/** Just the header facts of a file; throws InputError naming it when it cannot be read. */
AudioFileInfo probeAudio (const std::filesystem::path& file);

/** The whole file as planar float. */
AudioBuffer readAudio (const std::filesystem::path& file);
} // namespace loopstage::audio
