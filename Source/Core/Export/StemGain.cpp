#include "Export/StemGain.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Dsp/Decibels.h"

#include <cmath>
#include <vector>

namespace loopstage::exporter
{
void applyGain (const std::filesystem::path& in, const std::filesystem::path& out, double gainDb)
{
    audio::AudioFileReader reader (in);
    const auto& info = reader.info();
    // The stem keeps its Broadcast WAV identity (time reference, description) through the gain.
    audio::AudioWriteOptions options { info.sampleRate, info.channels, info.format, std::nullopt };
    options.bext = reader.bext();
    options.ixml = reader.ixml();
    audio::AudioFileWriter writer (out, options);
    const auto gain = (float) dsp::dbToGain (gainDb);

    constexpr std::int64_t block = 65536;
    std::vector<std::vector<float>> channels ((size_t) info.channels, std::vector<float> (block));
    std::vector<float*> pointers;
    for (auto& c : channels)
        pointers.push_back (c.data());
    for (;;)
    {
        const auto got = reader.read (pointers.data(), block);
        if (got == 0)
            break;
        for (auto& c : channels)
            for (std::int64_t i = 0; i < got; ++i)
                c[(size_t) i] *= gain;
        writer.write (pointers.data(), got);
    }
    writer.commit();
}
} // namespace loopstage::exporter
