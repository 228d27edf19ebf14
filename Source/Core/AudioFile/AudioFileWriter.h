#pragma once
/** Writes audio files through libsndfile, atomically (see Base/AtomicFile.h).

    Samples go to a temporary beside the target; commit() finalises the header and renames it
    into place. A writer destroyed without commit() (an error, a cancelled render) leaves no file.
    Not for the audio thread.
*/
#include "AudioFile/AudioBuffer.h"
#include "AudioFile/SampleFormat.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

namespace loopstage::audio
{
struct AudioWriteOptions
{
    double sampleRate = 48000.0;
    int channels = 1;
    SampleFormat format = SampleFormat::int24;
    /** Empty: chosen from the file name's extension. */
    std::optional<Container> container;
};

class AudioFileWriter
{
public:
    AudioFileWriter (const std::filesystem::path& target, const AudioWriteOptions& options);
    ~AudioFileWriter();
    AudioFileWriter (const AudioFileWriter&) = delete;
    AudioFileWriter& operator= (const AudioFileWriter&) = delete;

    /** Appends `frames` frames from planar `source[channel]`. Float samples beyond ±1 are kept
        in float files and clipped in integer ones. */
    void write (const float* const* source, std::int64_t frames);
    void write (const AudioBuffer& buffer);

    /** Closes the file and moves it into place. */
    void commit();

    std::int64_t framesWritten() const noexcept { return written; }
    const std::filesystem::path& targetPath() const noexcept;

private:
    struct Handle;
    std::unique_ptr<Handle> handle;
    AudioWriteOptions options;
    std::vector<float> interleaved;
    std::int64_t written = 0;
};

/** Writes a whole buffer to `target` atomically at the buffer's sample rate. */
void writeAudio (const std::filesystem::path& target, const AudioBuffer& buffer,
                 SampleFormat format = SampleFormat::int24);
} // namespace loopstage::audio
