#include "AudioFile/BextChunk.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace loopstage::audio
{
namespace
{
    constexpr size_t fixedSize = 602;      // everything before CodingHistory
    constexpr size_t v0Size = 348;         // up to and including Version
    constexpr std::int16_t loudnessUnset = 0x7FFF;

    // Offsets of EBU Tech 3285 v2.
    constexpr size_t offDescription = 0, offOriginator = 256, offReference = 288, offDate = 320,
                     offTime = 330, offTimeRef = 338, offVersion = 346, offUmid = 348, offLoudness = 412;

    std::string fixedText (const char* data, size_t width)
    {
        const auto* end = static_cast<const char*> (std::memchr (data, 0, width));
        return std::string (data, end != nullptr ? (size_t) (end - data) : width);
    }

    void putText (std::vector<char>& out, size_t offset, size_t width, const std::string& text)
    {
        std::memcpy (out.data() + offset, text.data(), std::min (width, text.size()));
    }

    std::uint32_t getU32 (const char* p)
    {
        const auto* b = reinterpret_cast<const unsigned char*> (p);
        return (std::uint32_t) b[0] | ((std::uint32_t) b[1] << 8) | ((std::uint32_t) b[2] << 16) | ((std::uint32_t) b[3] << 24);
    }

    void putU32 (char* p, std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            p[i] = (char) ((v >> (8 * i)) & 0xFF);
    }

    std::int16_t getI16 (const char* p)
    {
        const auto* b = reinterpret_cast<const unsigned char*> (p);
        return (std::int16_t) (std::uint16_t) (b[0] | (b[1] << 8));
    }

    void putI16 (char* p, std::int16_t v)
    {
        const auto u = (std::uint16_t) v;
        p[0] = (char) (u & 0xFF);
        p[1] = (char) (u >> 8);
    }

    std::optional<double> getLoudness (std::int16_t v)
    {
        if (v == loudnessUnset)
            return std::nullopt;
        return v / 100.0;
    }

    std::int16_t toLoudness (const std::optional<double>& v)
    {
        if (! v || ! std::isfinite (*v))
            return loudnessUnset;
        return (std::int16_t) std::clamp (std::lround (*v * 100.0), -32768L, 32766L);
    }

    // Description lines end in CR LF, LF or (rarely) CR alone.
    struct Line
    {
        size_t begin, end, next;
    };

    std::optional<Line> findKeyLine (const std::string& text, std::string_view key)
    {
        size_t pos = 0;
        while (pos < text.size())
        {
            auto end = text.find_first_of ("\r\n", pos);
            if (end == std::string::npos)
                end = text.size();
            auto next = end;
            while (next < text.size() && (text[next] == '\r' || text[next] == '\n') && next < end + 2)
                ++next;
            const std::string_view line (text.data() + pos, end - pos);
            if (line.size() > key.size() && line.substr (0, key.size()) == key && line[key.size()] == '=')
                return Line { pos, end, next };
            if (next == pos)
                break;
            pos = next;
        }
        return std::nullopt;
    }
} // namespace

bool BextChunk::hasUmid() const noexcept
{
    return std::any_of (umid.begin(), umid.end(), [] (std::uint8_t b) { return b != 0; });
}

std::string BextChunk::umidHex() const
{
    if (! hasUmid())
        return {};
    const bool extended = std::any_of (umid.begin() + 32, umid.end(), [] (std::uint8_t b) { return b != 0; });
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (size_t i = 0; i < (extended ? 64u : 32u); ++i)
    {
        hex += digits[umid[i] >> 4];
        hex += digits[umid[i] & 15];
    }
    return hex;
}

void BextChunk::setUmidHex (std::string_view hex)
{
    if (hex.size() != 64 && hex.size() != 128)
        throw InputError ("a UMID is 64 or 128 hex digits, got " + std::to_string (hex.size()));
    auto nibble = [&] (char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw InputError ("a UMID is hex digits, got '" + std::string (1, c) + "'");
    };
    umid.fill (0);
    for (size_t i = 0; i < hex.size() / 2; ++i)
        umid[i] = (std::uint8_t) (nibble (hex[2 * i]) * 16 + nibble (hex[2 * i + 1]));
}

std::optional<std::string> BextChunk::descriptionValue (std::string_view key) const
{
    const auto line = findKeyLine (description, key);
    if (! line)
        return std::nullopt;
    const auto valueStart = line->begin + key.size() + 1;
    return description.substr (valueStart, line->end - valueStart);
}

void BextChunk::setDescriptionValue (std::string_view key, std::string_view value)
{
    const std::string replacement = std::string (key) + "=" + std::string (value) + "\r\n";
    if (const auto line = findKeyLine (description, key))
    {
        description.replace (line->begin, line->next - line->begin, replacement);
        return;
    }
    if (! description.empty() && description.back() != '\n' && description.back() != '\r')
        description += "\r\n";
    description += replacement;
}

void BextChunk::setTimeReference (const timecode::Timecode& tc, const timecode::FrameRate& rate, double sampleRate)
{
    timeReference = timeReferenceFromTimecode (tc, rate, sampleRate);
}

std::uint64_t timeReferenceFromTimecode (const timecode::Timecode& tc, const timecode::FrameRate& rate, double sampleRate)
{
    const auto frames = timecode::toFrames (tc, rate);
    return (std::uint64_t) std::llround (timecode::frameToSamples (frames, rate, sampleRate));
}

std::int64_t framesOfTimeReference (std::uint64_t samples, const timecode::FrameRate& rate, double sampleRate)
{
    const auto frame = timecode::samplesToFrame ((double) samples + 0.5, rate, sampleRate);
    return timecode::wrapToDay (frame, rate);
}

std::string timecodeOfTimeReference (std::uint64_t samples, const timecode::FrameRate& rate, double sampleRate)
{
    return timecode::formatFrames (framesOfTimeReference (samples, rate, sampleRate), rate);
}

std::vector<char> serialiseBext (const BextChunk& bext)
{
    std::vector<char> out (fixedSize, 0);
    putText (out, offDescription, 256, bext.description);
    putText (out, offOriginator, 32, bext.originator);
    putText (out, offReference, 32, bext.originatorReference);
    putText (out, offDate, 10, bext.originationDate);
    putText (out, offTime, 8, bext.originationTime);
    putU32 (out.data() + offTimeRef, (std::uint32_t) (bext.timeReference & 0xFFFFFFFFu));
    putU32 (out.data() + offTimeRef + 4, (std::uint32_t) (bext.timeReference >> 32));

    const bool hasLoudness = bext.loudnessValue || bext.loudnessRange || bext.maxTruePeakLevel
                             || bext.maxMomentaryLoudness || bext.maxShortTermLoudness;
    int version = std::clamp (bext.version, 0, 0x7FFF);
    if (bext.hasUmid())
        version = std::max (version, 1);
    if (hasLoudness)
        version = std::max (version, 2);
    putI16 (out.data() + offVersion, (std::int16_t) version);
    std::memcpy (out.data() + offUmid, bext.umid.data(), 64);

    if (version >= 2)
    {
        const std::optional<double> loudness[] = { bext.loudnessValue, bext.loudnessRange, bext.maxTruePeakLevel,
                                                   bext.maxMomentaryLoudness, bext.maxShortTermLoudness };
        for (int i = 0; i < 5; ++i)
            putI16 (out.data() + offLoudness + 2 * i, toLoudness (loudness[i]));
    }
    out.insert (out.end(), bext.codingHistory.begin(), bext.codingHistory.end());
    return out;
}

BextChunk parseBext (const char* data, size_t size)
{
    if (size < v0Size)
        throw InputError ("bext chunk is " + std::to_string (size) + " bytes, shorter than the 348 its fields need");

    BextChunk b;
    b.description = fixedText (data + offDescription, 256);
    b.originator = fixedText (data + offOriginator, 32);
    b.originatorReference = fixedText (data + offReference, 32);
    b.originationDate = fixedText (data + offDate, 10);
    b.originationTime = fixedText (data + offTime, 8);
    b.timeReference = (std::uint64_t) getU32 (data + offTimeRef) | ((std::uint64_t) getU32 (data + offTimeRef + 4) << 32);
    b.version = (std::uint16_t) getI16 (data + offVersion);

    if (size >= offUmid + 64)
        std::memcpy (b.umid.data(), data + offUmid, 64);
    // Before v2 the loudness bytes were reserved (zero), so they mean nothing there.
    if (b.version >= 2 && size >= offLoudness + 10)
    {
        b.loudnessValue = getLoudness (getI16 (data + offLoudness));
        b.loudnessRange = getLoudness (getI16 (data + offLoudness + 2));
        b.maxTruePeakLevel = getLoudness (getI16 (data + offLoudness + 4));
        b.maxMomentaryLoudness = getLoudness (getI16 (data + offLoudness + 6));
        b.maxShortTermLoudness = getLoudness (getI16 (data + offLoudness + 8));
    }
    if (size > fixedSize)
        b.codingHistory = fixedText (data + fixedSize, size - fixedSize);
    return b;
}
} // namespace loopstage::audio
