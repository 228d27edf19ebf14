#pragma once
/** The Broadcast WAV `bext` chunk (EBU Tech 3285 v2) as a value type.

    Layout (little-endian, 602 bytes + coding history): Description[256], Originator[32],
    OriginatorReference[32], OriginationDate[10] "yyyy-mm-dd", OriginationTime[8] "hh:mm:ss",
    TimeReference (u32 low, u32 high: samples since midnight), Version (u16), UMID[64],
    five int16 loudness fields (v2, value × 100, 0x7FFF = not given), 180 reserved bytes, then
    the CodingHistory text (lines "A=PCM,F=48000,W=24,M=stereo,T=...\r\n").

    Text fields are ASCII, NUL-terminated when shorter than the field; over-long text is cut to
    the field width when written (Description 256, Originator 32, OriginatorReference 32).
    Files from other tools are read tolerantly: a field filling its whole width (no NUL), a
    chunk cut short after the v0 fields, or garbage in the reserved bytes are all accepted.
*/
#include "Timecode/FrameRate.h"
#include "Timecode/Timecode.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loopstage::audio
{
struct BextChunk
{
    std::string description;            ///< up to 256 characters; often "sSCENE=..\r\nsTAKE=..\r\n"
    std::string originator;             ///< up to 32 characters (the recorder or program)
    std::string originatorReference;    ///< up to 32 characters (unique reference)
    std::string originationDate;        ///< "yyyy-mm-dd" (10 characters)
    std::string originationTime;        ///< "hh:mm:ss" (8 characters)
    /** Sample position of the file's first sample, counted in samples since midnight at the
        file's sample rate. */
    std::uint64_t timeReference = 0;
    int version = 2;                    ///< 0, 1 (UMID) or 2 (loudness); written as at least 1/2 when those are set
    std::array<std::uint8_t, 64> umid {};   ///< SMPTE 330M UMID: 32 bytes basic, 64 extended; all zero = none

    /** BWF v2 loudness (EBU R128 terms). Not given = std::nullopt (0x7FFF in the file). */
    std::optional<double> loudnessValue;        ///< integrated loudness, LUFS
    std::optional<double> loudnessRange;        ///< LRA, LU
    std::optional<double> maxTruePeakLevel;     ///< dBTP
    std::optional<double> maxMomentaryLoudness; ///< LUFS
    std::optional<double> maxShortTermLoudness; ///< LUFS

    std::string codingHistory;          ///< CR LF separated lines, as stored

    bool hasUmid() const noexcept;
    /** The UMID as lower-case hex: 64 digits for a basic UMID, 128 for an extended one,
        empty when there is none. */
    std::string umidHex() const;
    /** Sets the UMID from hex (64 or 128 digits); throws InputError otherwise. */
    void setUmidHex (std::string_view hex);

    /** The value of a `KEY=value` line in the description (e.g. key "sSCENE"). */
    std::optional<std::string> descriptionValue (std::string_view key) const;
    /** Replaces or appends the `KEY=value` line (CR LF terminated, the common recorder form). */
    void setDescriptionValue (std::string_view key, std::string_view value);
    std::optional<std::string> scene() const { return descriptionValue ("sSCENE"); }
    std::optional<std::string> take() const { return descriptionValue ("sTAKE"); }

    /** Sets timeReference from a timecode label at a frame rate and the file's sample rate
        (rounded to the nearest sample: 29.97 frames are not whole samples long). Throws
        InputError for a label that does not exist at `rate`. */
    void setTimeReference (const timecode::Timecode& tc, const timecode::FrameRate& rate, double sampleRate);

    bool operator== (const BextChunk&) const = default;
};

/** Time reference of a timecode label, in samples since midnight (see BextChunk::setTimeReference). */
std::uint64_t timeReferenceFromTimecode (const timecode::Timecode& tc, const timecode::FrameRate& rate,
                                         double sampleRate);

/** The frame count showing at a time reference, allowing half a sample of rounding so a reference
    made by timeReferenceFromTimecode maps back to the same frame. Wraps at 24 hours. */
std::int64_t framesOfTimeReference (std::uint64_t samples, const timecode::FrameRate& rate, double sampleRate);

/** The timecode label showing at a time reference ("01:00:00:00"). */
std::string timecodeOfTimeReference (std::uint64_t samples, const timecode::FrameRate& rate, double sampleRate);

/** The chunk's bytes as stored in the file (without the 8-byte chunk header). */
std::vector<char> serialiseBext (const BextChunk& bext);

/** Parses a chunk's bytes; throws InputError (without a file name) when it is shorter than the
    fixed v0 part (348 bytes) and so cannot be a bext chunk. */
BextChunk parseBext (const char* data, size_t size);
} // namespace loopstage::audio
