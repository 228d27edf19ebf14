#include "AudioFile/PcmEncoder.h"
#include "AudioFile/Ssse3.h"

#include <cmath>

#if LOOPSTAGE_SSSE3
 #include <immintrin.h>
#endif

namespace loopstage::audio
{
namespace
{
    /** libsndfile's scaling: the float x·2^31 (exact: a power of two), clipped where it reaches
        ±2^31, else rounded to the nearest integer, ties to even (lrintf). */
    inline std::int32_t scaled (float x) noexcept
    {
        const float s = x * 2147483648.0f;
        if ((double) s >= 2147483647.0)
            return 0x7FFFFFFF;
        if ((double) s <= -2147483648.0)
            return (std::int32_t) 0x80000000u;
        return (std::int32_t) std::lrint (s);
    }

    std::int64_t encode24Scalar (const float* x, std::int64_t from, std::int64_t count, unsigned char* out) noexcept
    {
        for (auto i = from; i < count; ++i)
        {
            const auto v = (std::uint32_t) scaled (x[i]);
            out[3 * i] = (unsigned char) (v >> 8);
            out[3 * i + 1] = (unsigned char) (v >> 16);
            out[3 * i + 2] = (unsigned char) (v >> 24);
        }
        return count;
    }

    std::int64_t encode16Scalar (const float* x, std::int64_t from, std::int64_t count, unsigned char* out) noexcept
    {
        for (auto i = from; i < count; ++i)
        {
            const auto v = (std::uint32_t) scaled (x[i]);
            out[2 * i] = (unsigned char) (v >> 16);
            out[2 * i + 1] = (unsigned char) (v >> 24);
        }
        return count;
    }

#if LOOPSTAGE_SSSE3
    // Clipping by clamping before the conversion gives libsndfile's bytes: the largest float
    // below 2^31 (2^31 - 128) keeps the top 24 (or 16) bits all ones, -2^31 converts exactly.
    // cvtps2dq rounds to nearest-even under the default MXCSR, as lrintf does.
    __attribute__ ((target ("ssse3"))) std::int64_t encode24Ssse3 (const float* x, std::int64_t count, unsigned char* out) noexcept
    {
        const __m128 scale = _mm_set1_ps (2147483648.0f), hi = _mm_set1_ps (2147483520.0f), lo = _mm_set1_ps (-2147483648.0f);
        const __m128i top3 = _mm_setr_epi8 (1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, -1, -1, -1, -1);
        std::int64_t i = 0;
        for (; i + 4 <= count; i += 4)
        {
            const __m128 s = _mm_max_ps (_mm_min_ps (_mm_mul_ps (_mm_loadu_ps (x + i), scale), hi), lo);
            _mm_storeu_si128 (reinterpret_cast<__m128i*> (out + 3 * i), _mm_shuffle_epi8 (_mm_cvtps_epi32 (s), top3));
        }
        return i;
    }

    __attribute__ ((target ("ssse3"))) std::int64_t encode16Ssse3 (const float* x, std::int64_t count, unsigned char* out) noexcept
    {
        const __m128 scale = _mm_set1_ps (2147483648.0f), hi = _mm_set1_ps (2147483520.0f), lo = _mm_set1_ps (-2147483648.0f);
        const __m128i top2 = _mm_setr_epi8 (2, 3, 6, 7, 10, 11, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1);
        std::int64_t i = 0;
        for (; i + 4 <= count; i += 4)
        {
            const __m128 s = _mm_max_ps (_mm_min_ps (_mm_mul_ps (_mm_loadu_ps (x + i), scale), hi), lo);
            _mm_storel_epi64 (reinterpret_cast<__m128i*> (out + 2 * i), _mm_shuffle_epi8 (_mm_cvtps_epi32 (s), top2));
        }
        return i;
    }
#endif
} // namespace

bool canEncodePcm (SampleFormat format) noexcept
{
    return format == SampleFormat::int16 || format == SampleFormat::int24;
}

int pcmBytes (SampleFormat format) noexcept
{
    return format == SampleFormat::int16 ? 2 : 3;
}

std::size_t encodePcm (SampleFormat format, const float* x, std::int64_t count, unsigned char* dest) noexcept
{
    std::int64_t done = 0;
    if (format == SampleFormat::int24)
    {
#if LOOPSTAGE_SSSE3
        if (haveSsse3())
            done = encode24Ssse3 (x, count, dest);
#endif
        encode24Scalar (x, done, count, dest);
        return (std::size_t) count * 3;
    }
#if LOOPSTAGE_SSSE3
    if (haveSsse3())
        done = encode16Ssse3 (x, count, dest);
#endif
    encode16Scalar (x, done, count, dest);
    return (std::size_t) count * 2;
}
} // namespace loopstage::audio
