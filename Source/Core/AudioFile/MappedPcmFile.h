#pragma once
/** Uncompressed WAV / RF64 sample data read straight from a read-only memory map.

    The offline renderer reads every track of a session once, start to end: through libsndfile
    that is a kernel copy into its buffer, a conversion into an interleaved float buffer and a
    de-interleaving copy. Mapped, the only pass is the conversion itself, from the page cache
    into the caller's buffer.

    The conversion is exactly libsndfile's normalised float read (SFC_SET_NORM_FLOAT), so a
    sample decodes to the same float either way: 16-bit as value × 2⁻¹⁵, 24- and 32-bit as
    (value << (32 − bits)) × 2⁻³¹, 32-bit float as stored. Any other layout (8-bit, 64-bit,
    big-endian, compressed, AIFF, FLAC, a header this parser does not follow) is not mapped:
    open() returns null and the caller reads through AudioFileReader, which also remains the
    place that validates files and reports bad input.

    A mapped file truncated by another program while it is read would raise SIGBUS and end the
    process; decode() instead catches that fault (a SIGBUS handler installed on first open
    jumps back out of a decode that touched its own mapping, any other SIGBUS goes to the
    previous handler) and reports the file as changed.
*/
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace loopstage::audio
{
class MappedPcmFile
{
public:
    /** The file mapped, or null when its layout is not one read here (never throws for that;
        the caller falls back to AudioFileReader). `expectedFrames` is what libsndfile reported:
        a header that disagrees is not mapped either. */
    static std::unique_ptr<MappedPcmFile> open (const std::filesystem::path& file, std::int64_t expectedFrames);

    ~MappedPcmFile();
    MappedPcmFile (const MappedPcmFile&) = delete;
    MappedPcmFile& operator= (const MappedPcmFile&) = delete;

    int channels() const noexcept { return numChannels; }
    std::int64_t frames() const noexcept { return numFrames; }

    /** Decodes frames [start, start + count) of `channel` into dest[0..count); the range must
        lie inside the file as opened. Returns false (dest partly written) when the file has
        since been cut short under the mapping. Read-only: any thread, concurrently. Not for
        the audio thread (it may page in from disk). */
    [[nodiscard]] bool decode (int channel, std::int64_t start, std::int64_t count, float* dest) const noexcept;

private:
    MappedPcmFile() = default;
    void decodeMapped (int channel, std::int64_t start, std::int64_t count, float* dest) const noexcept;
    void* mapping = nullptr;
    std::size_t mappedBytes = 0;
    const unsigned char* data = nullptr;   ///< first byte of the sample data
    int numChannels = 0;
    int bytesPerSample = 0;
    bool isFloat = false;
    std::int64_t numFrames = 0;
};
} // namespace loopstage::audio
