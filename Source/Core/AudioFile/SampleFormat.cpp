#include "AudioFile/SampleFormat.h"
#include "Base/Error.h"

#include <algorithm>
#include <filesystem>
#include <sndfile.h>

namespace loopstage::audio
{
int bitDepth (SampleFormat f) noexcept
{
    switch (f)
    {
        case SampleFormat::int16: return 16;
        case SampleFormat::int24: return 24;
        case SampleFormat::int32: return 32;
        case SampleFormat::float32: return 32;
        case SampleFormat::float64: return 64;
        case SampleFormat::other: break;
    }
    return 0;
}

std::string toString (SampleFormat f)
{
    switch (f)
    {
        case SampleFormat::int16: return "pcm16";
        case SampleFormat::int24: return "pcm24";
        case SampleFormat::int32: return "pcm32";
        case SampleFormat::float32: return "float32";
        case SampleFormat::float64: return "float64";
        case SampleFormat::other: break;
    }
    return "other";
}

std::string toString (Container c)
{
    switch (c)
    {
        case Container::wav: return "wav";
        case Container::rf64: return "rf64";
        case Container::aiff: return "aiff";
        case Container::flac: return "flac";
        case Container::other: break;
    }
    return "other";
}

SampleFormat parseSampleFormat (const std::string& text)
{
    if (text == "16" || text == "pcm16") return SampleFormat::int16;
    if (text == "24" || text == "pcm24") return SampleFormat::int24;
    if (text == "32" || text == "pcm32") return SampleFormat::int32;
    if (text == "float" || text == "f32" || text == "float32") return SampleFormat::float32;
    if (text == "double" || text == "float64") return SampleFormat::float64;
    throw InputError ("unknown sample format '" + text + "' (use 16, 24, 32, float or double)");
}

int toSndfileSubtype (SampleFormat f)
{
    switch (f)
    {
        case SampleFormat::int16: return SF_FORMAT_PCM_16;
        case SampleFormat::int24: return SF_FORMAT_PCM_24;
        case SampleFormat::int32: return SF_FORMAT_PCM_32;
        case SampleFormat::float32: return SF_FORMAT_FLOAT;
        case SampleFormat::float64: return SF_FORMAT_DOUBLE;
        case SampleFormat::other: break;
    }
    throw InputError ("this sample format cannot be written");
}

SampleFormat fromSndfileSubtype (int subtype) noexcept
{
    switch (subtype & SF_FORMAT_SUBMASK)
    {
        case SF_FORMAT_PCM_16: return SampleFormat::int16;
        case SF_FORMAT_PCM_24: return SampleFormat::int24;
        case SF_FORMAT_PCM_32: return SampleFormat::int32;
        case SF_FORMAT_FLOAT: return SampleFormat::float32;
        case SF_FORMAT_DOUBLE: return SampleFormat::float64;
        default: return SampleFormat::other;
    }
}

int toSndfileMajor (Container c)
{
    switch (c)
    {
        case Container::wav: return SF_FORMAT_WAV;
        case Container::rf64: return SF_FORMAT_RF64;
        case Container::aiff: return SF_FORMAT_AIFF;
        case Container::flac: return SF_FORMAT_FLAC;
        case Container::other: break;
    }
    return SF_FORMAT_WAV;
}

Container fromSndfileMajor (int major) noexcept
{
    switch (major & SF_FORMAT_TYPEMASK)
    {
        case SF_FORMAT_WAV:
        case SF_FORMAT_WAVEX: return Container::wav;
        case SF_FORMAT_RF64: return Container::rf64;
        case SF_FORMAT_AIFF: return Container::aiff;
        case SF_FORMAT_FLAC: return Container::flac;
        default: return Container::other;
    }
}

Container containerForExtension (const std::string& path)
{
    auto ext = std::filesystem::path (path).extension().string();
    std::transform (ext.begin(), ext.end(), ext.begin(), [] (unsigned char c) { return (char) std::tolower (c); });
    if (ext == ".aif" || ext == ".aiff") return Container::aiff;
    if (ext == ".flac") return Container::flac;
    if (ext == ".rf64") return Container::rf64;
    return Container::wav;
}
} // namespace loopstage::audio
