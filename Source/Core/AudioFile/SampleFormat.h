#pragma once
/** Sample formats and containers LoopStage reads and writes, and their libsndfile codes. */
#include <string>

namespace loopstage::audio
{
enum class SampleFormat
{
    int16,
    int24,
    int32,
    float32,
    float64,
    other   ///< readable (e.g. 8-bit, compressed) but never written
};

enum class Container
{
    wav,    ///< RIFF WAVE / Broadcast WAV
    rf64,   ///< EBU RF64, for files over 4 GB
    aiff,
    flac,
    other
};

int bitDepth (SampleFormat) noexcept;
std::string toString (SampleFormat);
std::string toString (Container);

/** "16", "24", "32", "float" (or "f32") and "double" → format; throws InputError otherwise. */
SampleFormat parseSampleFormat (const std::string& text);

/** libsndfile's SF_FORMAT_* codes. */
int toSndfileSubtype (SampleFormat);
SampleFormat fromSndfileSubtype (int subtype) noexcept;
int toSndfileMajor (Container);
Container fromSndfileMajor (int major) noexcept;

/** The container a file name implies (.wav → wav, .aif/.aiff → aiff, .flac → flac, .rf64). */
Container containerForExtension (const std::string& path);
} // namespace loopstage::audio
