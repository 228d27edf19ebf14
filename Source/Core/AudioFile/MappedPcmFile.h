#pragma once
/** Uncompressed WAV / RF64 sample data decoded straight from the file, bypassing libsndfile.

    The offline renderer reads every track of a session once, start to end: through libsndfile
    that is a kernel copy into its buffer, a conversion into an interleaved float buffer and a
    de-interleaving copy. Here the kernel copies each piece into a small per-thread buffer
    (pread) and the conversion reads it from the cache into the caller's buffer. (The samples
    used to be read from a memory map of the file: on a virtual machine every user-space access
    to page-cache pages pays nested page-table walks and faults, and a 32-track render spent
    half its time in the decode; pread is the kernel's copy through its own direct map, and
    the render got 20 % faster.)

    The conversion is exactly libsndfile's normalised float read (SFC_SET_NORM_FLOAT), so a
    sample decodes to the same float either way: 16-bit as value × 2⁻¹⁵, 24- and 32-bit as
    (value << (32 − bits)) × 2⁻³¹, 32-bit float as stored. Any other layout (8-bit, 64-bit,
    big-endian, compressed, AIFF, FLAC, a header this parser does not follow) is not read here:
    open() returns null and the caller reads through AudioFileReader, which also remains the
    place that validates files and reports bad input.

    A file cut short by another program while it is read makes decode() return false (the
    read comes up short), so the caller can report the file as changed.
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
    /** The file opened, or null when its layout is not one read here (never throws for that;
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
        since been cut short. Any thread, concurrently (each thread stages its own reads). Not
        for the audio thread (it reads the file). */
    [[nodiscard]] bool decode (int channel, std::int64_t start, std::int64_t count, float* dest) const noexcept;

private:
    /** Bytes staged per read: 256 KB holds a 8192-frame piece of a 24-bit 5.1 file. */
    static constexpr std::size_t stagingBytes = 256 * 1024;
    MappedPcmFile() = default;
    /** Decodes `count` frames of `channel` from interleaved `frames` (one byte before them readable). */
    void decodeFrames (const unsigned char* frames, int channel, std::int64_t count, float* dest) const noexcept;
    int fd = -1;
    std::uint64_t serial = 0;       ///< tells this file's staged reads from any other's
    std::uint64_t dataOffset = 0;   ///< where the sample data starts in the file
    int numChannels = 0;
    int bytesPerSample = 0;
    bool isFloat = false;
    std::int64_t numFrames = 0;
};
} // namespace loopstage::audio
