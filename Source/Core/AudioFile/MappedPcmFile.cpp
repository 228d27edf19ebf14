#include "AudioFile/MappedPcmFile.h"
#include "AudioFile/Ssse3.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if LOOPSTAGE_SSSE3
 #include <immintrin.h>
#endif

namespace loopstage::audio
{
namespace
{
    std::uint32_t le32 (const unsigned char* p) noexcept
    {
        return (std::uint32_t) p[0] | (std::uint32_t) p[1] << 8 | (std::uint32_t) p[2] << 16 | (std::uint32_t) p[3] << 24;
    }
    std::uint16_t le16 (const unsigned char* p) noexcept { return (std::uint16_t) (p[0] | p[1] << 8); }
    std::uint64_t le64 (const unsigned char* p) noexcept { return le32 (p) | (std::uint64_t) le32 (p + 4) << 32; }

    /** Where the samples are and how they are stored, from a RIFF/RF64 WAVE header. */
    struct Layout
    {
        std::uint64_t dataOffset = 0, dataBytes = 0;
        int channels = 0, bytesPerSample = 0;
        bool isFloat = false;
    };

    bool parseWave (const unsigned char* file, std::uint64_t size, Layout& layout) noexcept
    {
        if (size < 12 || std::memcmp (file + 8, "WAVE", 4) != 0)
            return false;
        const bool rf64 = std::memcmp (file, "RF64", 4) == 0;
        if (! rf64 && std::memcmp (file, "RIFF", 4) != 0)
            return false;
        std::uint64_t ds64DataBytes = 0;
        bool haveFormat = false;
        for (std::uint64_t pos = 12; pos + 8 <= size;)
        {
            const unsigned char* chunk = file + pos;
            const std::uint64_t bytes = le32 (chunk + 4);
            const std::uint64_t body = pos + 8;
            if (std::memcmp (chunk, "ds64", 4) == 0 && bytes >= 16 && body + 16 <= size)
                ds64DataBytes = le64 (chunk + 16);
            else if (std::memcmp (chunk, "fmt ", 4) == 0 && bytes >= 16 && body + bytes <= size)
            {
                const unsigned char* f = file + body;
                int tag = le16 (f);
                if (tag == 0xFFFE && bytes >= 40)
                    tag = le16 (f + 24);   // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID's first two bytes
                layout.channels = le16 (f + 2);
                const int blockAlign = le16 (f + 12), bits = le16 (f + 14);
                layout.isFloat = tag == 3;
                if (! ((tag == 1 && (bits == 16 || bits == 24 || bits == 32)) || (tag == 3 && bits == 32)))
                    return false;
                layout.bytesPerSample = bits / 8;
                if (layout.channels < 1 || blockAlign != layout.channels * layout.bytesPerSample)
                    return false;
                haveFormat = true;
            }
            else if (std::memcmp (chunk, "data", 4) == 0)
            {
                if (! haveFormat)
                    return false;
                layout.dataOffset = body;
                layout.dataBytes = rf64 && bytes == 0xFFFFFFFFu ? ds64DataBytes : bytes;
                // A header may overstate the data of a truncated file: only whole frames present count.
                layout.dataBytes = std::min (layout.dataBytes, size - body);
                return true;
            }
            pos = body + bytes + (bytes & 1);
        }
        return false;
    }
#if LOOPSTAGE_SSSE3
    /** Mono 24-bit, four samples per 12 bytes: each moved into the top three bytes of an int32
        by one byte shuffle, then the same conversion and scaling as the scalar loop (exact:
        an int24 fits a float's mantissa, and the scale is a power of two). Returns the count done;
        reads 16 bytes per 12, so it stops at least 4 bytes before the end of the range. */
    __attribute__ ((target ("ssse3"))) std::int64_t decodeMono24Ssse3 (const unsigned char* p, std::int64_t count, float* dest) noexcept
    {
        const __m128i order = _mm_setr_epi8 (-1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11);
        const __m128 scale = _mm_set1_ps (1.0f / 2147483648.0f);
        std::int64_t i = 0;
        for (; i + 6 <= count; i += 4, p += 12)
        {
            const __m128i bytes = _mm_loadu_si128 (reinterpret_cast<const __m128i*> (p));
            const __m128i words = _mm_shuffle_epi8 (bytes, order);
            _mm_storeu_ps (dest + i, _mm_mul_ps (_mm_cvtepi32_ps (words), scale));
        }
        return i;
    }

#endif
} // namespace

std::unique_ptr<MappedPcmFile> MappedPcmFile::open (const std::filesystem::path& file, std::int64_t expectedFrames)
{
    if constexpr (std::endian::native != std::endian::little)
        return nullptr;
    const int fd = ::open (file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    std::unique_ptr<MappedPcmFile> pcm (new MappedPcmFile());
    pcm->fd = fd;   // closed by the destructor from here on
    static std::atomic<std::uint64_t> opened { 0 };
    pcm->serial = ++opened;
    struct stat st {};
    if (fstat (fd, &st) != 0 || ! S_ISREG (st.st_mode) || st.st_size <= 0)
        return nullptr;
    // The header is parsed from a map of the whole file (chunks may lie anywhere before the
    // data), which is let go at once: the samples are read with pread().
    void* mapping = mmap (nullptr, (size_t) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED)
        return nullptr;
    Layout layout;
    const bool parsed = parseWave (static_cast<const unsigned char*> (mapping), (std::uint64_t) st.st_size, layout);
    munmap (mapping, (size_t) st.st_size);
    if (! parsed)
        return nullptr;
    const auto frameBytes = (std::uint64_t) (layout.channels * layout.bytesPerSample);
    if ((std::int64_t) (layout.dataBytes / frameBytes) != expectedFrames)
        return nullptr;
    pcm->dataOffset = layout.dataOffset;
    pcm->numChannels = layout.channels;
    pcm->bytesPerSample = layout.bytesPerSample;
    pcm->isFloat = layout.isFloat;
    pcm->numFrames = expectedFrames;
    // Tracks are read start to end: ask the kernel to read ahead generously.
    posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return pcm;
}

MappedPcmFile::~MappedPcmFile()
{
    if (fd >= 0)
        ::close (fd);
}

bool MappedPcmFile::decode (int channel, std::int64_t start, std::int64_t count, float* dest) const noexcept
{
    // The frames pass through a small buffer of this thread's: read by the kernel through its
    // own mapping of memory, then decoded while in the cache. The last piece read is kept, so
    // decoding the other channels of the same frames reads nothing again.
    struct Staged
    {
        std::uint64_t file = 0;
        std::int64_t start = -1, count = 0;
        alignas (64) unsigned char bytes[stagingBytes + 32];   // samples from bytes + 4: a decode may read one byte before
    };
    thread_local Staged staged;
    const auto stride = (std::int64_t) (numChannels * bytesPerSample);
    const auto perPiece = (std::int64_t) stagingBytes / stride;
    while (count > 0)
    {
        const auto n = std::min (count, perPiece);
        if (staged.file != serial || staged.start != start || staged.count < n)
        {
            const auto bytes = (size_t) (n * stride);
            std::size_t done = 0;
            while (done < bytes)
            {
                const auto got = pread (fd, staged.bytes + 4 + done, bytes - done, (off_t) (dataOffset + (std::uint64_t) (start * stride) + done));
                if (got <= 0)
                {
                    staged.file = 0;
                    return false;   // cut short since it was opened
                }
                done += (std::size_t) got;
            }
            staged.file = serial;
            staged.start = start;
            staged.count = n;
        }
        decodeFrames (staged.bytes + 4, channel, n, dest);
        start += n;
        count -= n;
        dest += n;
    }
    return true;
}

void MappedPcmFile::decodeFrames (const unsigned char* frames, int channel, std::int64_t count, float* dest) const noexcept
{
    const auto stride = (std::size_t) (numChannels * bytesPerSample);
    const unsigned char* p = frames + (std::size_t) (channel * bytesPerSample);
    switch (bytesPerSample)
    {
        case 2:
            for (std::int64_t i = 0; i < count; ++i, p += stride)
            {
                std::int16_t v;
                std::memcpy (&v, p, 2);
                dest[i] = (float) v * (1.0f / 32768.0f);
            }
            break;
        case 3:
#if LOOPSTAGE_SSSE3
            if (numChannels == 1 && haveSsse3())
            {
                const auto done = decodeMono24Ssse3 (p, count, dest);
                p += done * 3;
                dest += done;
                count -= done;
            }
#endif
            // The three bytes in the top of an int32: four bytes from one before the sample (the
            // staging buffer has bytes before the samples), low byte cleared.
            for (std::int64_t i = 0; i < count; ++i, p += stride)
            {
                std::int32_t v;
                std::memcpy (&v, p - 1, 4);
                dest[i] = (float) (v & ~0xFF) * (1.0f / 2147483648.0f);
            }
            break;
        default:
            if (isFloat)
                for (std::int64_t i = 0; i < count; ++i, p += stride)
                    std::memcpy (dest + i, p, 4);
            else
                for (std::int64_t i = 0; i < count; ++i, p += stride)
                {
                    std::int32_t v;
                    std::memcpy (&v, p, 4);
                    dest[i] = (float) v * (1.0f / 2147483648.0f);
                }
            break;
    }
}
} // namespace loopstage::audio
