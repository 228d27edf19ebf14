#pragma once
/** A file pulled block by block with a gain, an optional delivery limiter (dsp::TruePeakLimiter
    at its reference reach, latency removed so frame i out is frame i in) and TPDF dither to a
    word length: what the normaliser measures and writes, and what the delivery's stems get. The
    stream is deterministic, so a measuring pass and the writing pass see the same samples. */
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Dsp/Dither.h"
#include "Dsp/TruePeakLimiter.h"
#include "Loudness/LoudnessAnalysis.h"

#include <filesystem>
#include <optional>
#include <vector>

namespace loopstage::deliver
{
class ProcessedStream
{
public:
    /** `ditherBits` 0: no dither (float output). */
    ProcessedStream (const std::filesystem::path& file, double gainDb, std::optional<double> limiterCeilingDb,
                     int ditherBits);

    int channels() const noexcept { return reader.info().channels; }
    const audio::AudioFileInfo& info() const noexcept { return reader.info(); }
    double maxReductionDb() const noexcept { return limiting ? limiter.maxReductionDb() : 0.0; }

    /** Up to `frames` frames into dest[channel]; 0 at the end. */
    std::int64_t read (float* const* dest, std::int64_t frames);
    /** The rest of the stream into `writer` (which the caller then commits). */
    void writeTo (audio::AudioFileWriter& writer);

private:
    static constexpr int blockFrames = 4096;
    audio::AudioFileReader reader;
    float gain;
    std::vector<std::vector<float>> buffer;
    std::vector<float*> pointers;
    dsp::TruePeakLimiter limiter;
    bool limiting = false;
    int toSkip = 0, flushLeft = 0, readyStart = 0, readyEnd = 0;
    dsp::TpdfDither dither;

    bool produce();
};

/** The whole stream through the loudness analysis. */
loudness::LoudnessReport measure (ProcessedStream& stream, const loudness::AnalysisOptions& options);

/** Bits of dither for writing `format`: 16/24-bit integers get it, float and 32-bit do not. */
int ditherBitsFor (audio::SampleFormat format) noexcept;
} // namespace loopstage::deliver
