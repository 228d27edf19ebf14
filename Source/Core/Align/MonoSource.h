#pragma once
/** Where the aligner reads its mono signals from: a signal in memory (an ADR cue's guide
    excerpt) or an audio file read span by span (a 10-minute, 6-channel take is never held
    whole: only the spans the analysis asks for, mixed to mono as they are read).
    Not thread-safe: a FileSource keeps one open reader. */
#include "Align/OffsetFinder.h"
#include "Align/Resample.h"
#include "AudioFile/AudioFileReader.h"

#include <filesystem>
#include <memory>

namespace loopstage::align
{
class MonoSource
{
public:
    virtual ~MonoSource() = default;
    virtual int sampleRate() const = 0;
    virtual std::int64_t frames() const = 0;
    /** Samples [start, start + count) into `out`; silence outside the source. */
    virtual void read (std::int64_t start, std::int64_t count, float* out) const = 0;
};

/** A view of a MonoSignal (which must outlive it). */
class SignalSource final : public MonoSource
{
public:
    explicit SignalSource (const MonoSignal& s) : signal (s) {}
    int sampleRate() const override { return signal.sampleRate; }
    std::int64_t frames() const override { return (std::int64_t) signal.samples.size(); }
    void read (std::int64_t start, std::int64_t count, float* out) const override;

private:
    const MonoSignal& signal;
};

/** An audio file, channels averaged as readMono does (same sums, same order). Throws
    InputError naming the file for what readMono refuses. */
class FileSource final : public MonoSource
{
public:
    explicit FileSource (const std::filesystem::path& file);
    int sampleRate() const override { return rate; }
    std::int64_t frames() const override { return length; }
    void read (std::int64_t start, std::int64_t count, float* out) const override;

private:
    std::unique_ptr<audio::AudioFileReader> reader;
    int rate = 48000;
    std::int64_t length = 0;
    mutable std::vector<std::vector<float>> planes;
};

/** Output samples [first, first + count) of `resampler` run over the whole of `source`, reading
    only the span they need; output beyond `outputEnd` is silence. Bit-identical to resampling
    the whole source. */
void readResampled (const MonoSource& source, const Resampler& resampler, std::int64_t first, std::int64_t count,
                    float* out, std::int64_t outputEnd = INT64_MAX);

} // namespace loopstage::align
