#include "Export/StemGain.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Deliver/DeliverableBext.h"
#include "Dsp/Decibels.h"
#include "Dsp/Dither.h"
#include "Loudness/LoudnessAnalysis.h"

#include <cmath>
#include <functional>
#include <vector>

namespace loopstage::exporter
{
namespace
{
    /** Reads `in` with the gain and the dither applied, block by block, into `sink`. */
    void gained (const std::filesystem::path& in, double gainDb, int ditherBits,
                 const std::function<void (float* const*, std::int64_t)>& sink)
    {
        audio::AudioFileReader reader (in);
        const auto gain = (float) dsp::dbToGain (gainDb);
        dsp::TpdfDither dither (ditherBits);
        constexpr std::int64_t block = 65536;
        std::vector<std::vector<float>> channels ((size_t) reader.info().channels, std::vector<float> (block));
        std::vector<float*> pointers;
        for (auto& c : channels)
            pointers.push_back (c.data());
        while (const auto got = reader.read (pointers.data(), block))
        {
            for (auto& c : channels)
            {
                for (std::int64_t i = 0; i < got; ++i)
                    c[(size_t) i] *= gain;
                dither.apply (c.data(), got);
            }
            sink (pointers.data(), got);
        }
    }
} // namespace

void applyGain (const std::filesystem::path& in, const std::filesystem::path& out, double gainDb,
                audio::SampleFormat format, std::string_view step)
{
    audio::AudioFileReader reader (in);
    const auto info = reader.info();
    const bool integer = format == audio::SampleFormat::int16 || format == audio::SampleFormat::int24;
    const int ditherBits = integer ? audio::bitDepth (format) : 0;

    // The loudness of exactly what is written, for the bext, before writing it.
    const auto written = [&]
    {
        // The analysis pulls blocks of the same size `gained` pushes, so the dither matches.
        audio::AudioFileReader pull (in);
        const auto gain = (float) dsp::dbToGain (gainDb);
        dsp::TpdfDither dither (ditherBits);
        return loudness::analyse ([&] (float* const* dest, std::int64_t frames)
        {
            const auto got = pull.read (dest, frames);
            for (int c = 0; c < info.channels; ++c)
            {
                for (std::int64_t i = 0; i < got; ++i)
                    dest[c][i] *= gain;
                dither.apply (dest[c], got);
            }
            return got;
        }, info.sampleRate, info.channels, info.frames, loudness::AnalysisOptions {});
    }();

    // The stem keeps its Broadcast WAV identity (time reference, description) through the gain.
    audio::AudioWriteOptions options { info.sampleRate, info.channels, format, std::nullopt };
    options.bext = deliver::deliverableBext (reader.bext(), written, format, step);
    options.ixml = reader.ixml();
    audio::AudioFileWriter writer (out, options);
    gained (in, gainDb, ditherBits, [&] (float* const* p, std::int64_t n) { writer.write (p, n); });
    writer.commit();
}
} // namespace loopstage::exporter
