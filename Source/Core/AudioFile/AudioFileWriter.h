#pragma once
/** Writes audio files through libsndfile, atomically (see Base/AtomicFile.h).

    Samples go to a temporary beside the target; commit() finalises the header and renames it
    into place. A writer destroyed without commit() (an error, a cancelled render) leaves no file.
    Not for the audio thread.

    Files over 4 GB: a RIFF WAVE file cannot hold more than 4 GB, so WAV is written as EBU RF64
    with libsndfile's automatic downgrade (SFC_RF64_AUTO_DOWNGRADE): a file that ends under 4 GB
    comes out as a plain RIFF WAVE (WAVE_FORMAT_EXTENSIBLE, with a JUNK chunk where RF64 keeps its
    ds64 sizes, as EBU Tech 3306 recommends), a longer one as RF64. Container::rf64 forces RF64
    at any size. bext and iXML go in either way, before the audio data.

    16- and 24-bit WAV/RF64 samples are encoded here (PcmEncoder.h, byte-identical to
    libsndfile's) and written in one large sf_write_raw() per call; other formats go through
    sf_writef_float.
*/
#include "AudioFile/AudioBuffer.h"
#include "AudioFile/BextChunk.h"
#include "AudioFile/IxmlChunk.h"
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
    /** Broadcast WAV metadata; WAV and RF64 only (asking for it in AIFF or FLAC is bad input). */
    std::optional<BextChunk> bext;
    std::optional<IxmlChunk> ixml;
};

/** The libsndfile major format and whether RF64 may downgrade to RIFF WAVE, for a container:
    WAV → (RF64, downgrade), RF64 → (RF64, no downgrade), others as themselves. */
struct SndfileContainerChoice
{
    int major = 0;
    bool autoDowngrade = false;
};
SndfileContainerChoice sndfileContainerFor (Container container) noexcept;

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
    std::vector<unsigned char> encoded;   ///< raw PCM on its way to the file
    bool rawPcm = false;
    std::int64_t written = 0;
};

/** Writes a whole buffer to `target` atomically at the buffer's sample rate. */
void writeAudio (const std::filesystem::path& target, const AudioBuffer& buffer,
                 SampleFormat format = SampleFormat::int24);
} // namespace loopstage::audio
