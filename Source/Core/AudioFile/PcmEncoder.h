#pragma once
/** Float samples to little-endian 16- and 24-bit PCM, byte for byte as libsndfile writes them
    with clipping on (SFC_SET_CLIPPING): x·2^31 rounded to nearest-even, clipped, the top bytes
    kept. Tested against libsndfile itself, sample for sample.

    Why by hand: libsndfile converts and writes in 8 KB pieces, and on ext4 every write that
    leaves part of a fresh page-cache folio unwritten first makes the kernel zero it: a render's
    stems cost half again in kernel time. Encoding a whole chunk here and handing it to
    sf_write_raw() in one write (libsndfile still owns the header, bext, iXML, RF64) removes
    that, and the conversion runs four samples at a time where the CPU has SSSE3.
*/
#include "AudioFile/SampleFormat.h"

#include <cstddef>
#include <cstdint>

namespace loopstage::audio
{
/** True for the formats encodePcm() writes (int16, int24). */
bool canEncodePcm (SampleFormat format) noexcept;

/** Bytes one sample takes in `format` (2 or 3). */
int pcmBytes (SampleFormat format) noexcept;

/** Encodes `count` interleaved float samples to `dest`, which must hold count · pcmBytes + 16
    bytes (the vector loop stores a few bytes past the end). Returns the bytes written. */
std::size_t encodePcm (SampleFormat format, const float* interleaved, std::int64_t count, unsigned char* dest) noexcept;
} // namespace loopstage::audio
