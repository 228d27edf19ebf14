#include "Export/StemGain.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Deliver/DeliverableBext.h"
#include "Deliver/ProcessedStream.h"

namespace loopstage::exporter
{
void applyGain (const std::filesystem::path& in, const std::filesystem::path& out, double gainDb,
                audio::SampleFormat format, std::string_view step)
{
    const int ditherBits = deliver::ditherBitsFor (format);
    // The loudness of exactly what is written, for the bext, before writing it.
    deliver::ProcessedStream measuring (in, gainDb, std::nullopt, ditherBits);
    const auto written = deliver::measure (measuring, {});

    // The stem keeps its Broadcast WAV identity (time reference, description) through the gain.
    audio::AudioFileReader source (in);
    const auto& info = source.info();
    audio::AudioWriteOptions options { info.sampleRate, info.channels, format, std::nullopt };
    options.bext = deliver::deliverableBext (source.bext(), written, format, step);
    options.ixml = source.ixml();
    audio::AudioFileWriter writer (out, options);

    deliver::ProcessedStream (in, gainDb, std::nullopt, ditherBits).writeTo (writer);
    writer.commit();
}
} // namespace loopstage::exporter
