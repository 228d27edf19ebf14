#include "Deliver/ProcessedStream.h"
#include "Dsp/Decibels.h"

#include <algorithm>

namespace loopstage::deliver
{
ProcessedStream::ProcessedStream (const std::filesystem::path& file, double gainDb, std::optional<double> limiterCeilingDb,
                                  int ditherBits)
    : reader (file), gain ((float) dsp::dbToGain (gainDb)),
      buffer ((size_t) reader.info().channels, std::vector<float> ((size_t) blockFrames)), dither (ditherBits)
{
    for (auto& b : buffer)
        pointers.push_back (b.data());
    if (limiterCeilingDb)
    {
        limiter.prepare (channels(), reader.info().sampleRate, blockFrames, *limiterCeilingDb, 5.0, 80.0,
                         dsp::TruePeakDetector::Reach::reference);
        toSkip = flushLeft = limiter.latencySamples();
        limiting = true;
    }
}

std::int64_t ProcessedStream::read (float* const* dest, std::int64_t frames)
{
    std::int64_t done = 0;
    while (done < frames)
    {
        if (readyStart == readyEnd && ! produce())
            break;
        const auto n = std::min<std::int64_t> (frames - done, readyEnd - readyStart);
        for (int c = 0; c < channels(); ++c)
            std::copy_n (buffer[(size_t) c].data() + readyStart, n, dest[c] + done);
        readyStart += (int) n;
        done += n;
    }
    return done;
}

void ProcessedStream::writeTo (audio::AudioFileWriter& writer)
{
    constexpr std::int64_t block = 65536;
    std::vector<std::vector<float>> channelData ((size_t) channels(), std::vector<float> (block));
    std::vector<float*> p;
    for (auto& c : channelData)
        p.push_back (c.data());
    while (const auto n = read (p.data(), block))
        writer.write (p.data(), n);
}

bool ProcessedStream::produce()
{
    auto n = (int) reader.read (pointers.data(), blockFrames);
    if (n == 0)
    {
        if (flushLeft == 0)
            return false;
        n = std::min (blockFrames, flushLeft);   // zeros push the look-ahead out
        for (auto& b : buffer)
            std::fill_n (b.begin(), n, 0.0f);
        flushLeft -= n;
    }
    else
        for (auto& b : buffer)
            for (int i = 0; i < n; ++i)
                b[(size_t) i] *= gain;
    if (limiting)
        limiter.process (pointers.data(), n);
    readyStart = std::min (toSkip, n);
    toSkip -= readyStart;
    readyEnd = n;
    for (auto& b : buffer)
        dither.apply (b.data() + readyStart, n - readyStart);
    return true;
}

loudness::LoudnessReport measure (ProcessedStream& stream, const loudness::AnalysisOptions& options)
{
    return loudness::analyse ([&] (float* const* d, std::int64_t f) { return stream.read (d, f); },
                              stream.info().sampleRate, stream.channels(), stream.info().frames, options);
}

int ditherBitsFor (audio::SampleFormat format) noexcept
{
    return format == audio::SampleFormat::int16 || format == audio::SampleFormat::int24 ? audio::bitDepth (format) : 0;
}
} // namespace loopstage::deliver
