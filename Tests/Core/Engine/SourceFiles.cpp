#include "SourceFiles.h"
#include "AudioFile/AudioFileWriter.h"

namespace loopstage::test
{
std::filesystem::path writeSource (const TempDir& dir, const std::string& name, int rate, const std::vector<std::vector<float>>& planes)
{
    audio::AudioBuffer buffer ((int) planes.size(), (std::int64_t) planes[0].size(), (double) rate);
    buffer.channels = planes;
    const auto file = dir / (name + ".wav");
    audio::writeAudio (file, buffer, audio::SampleFormat::float32);
    return file;
}
} // namespace loopstage::test
