#include "Align/MonoReader.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/Error.h"

#include <cmath>

namespace loopstage::align
{
MonoSignal readMono (const std::filesystem::path& file)
{
    audio::AudioFileReader reader (file);
    const auto& info = reader.info();
    if (info.frames <= 0 || info.channels <= 0)
        throwFileError (file, "has no audio");
    if (info.sampleRate != std::floor (info.sampleRate) || info.sampleRate < 1000.0)
        throwFileError (file, "unsupported sample rate " + std::to_string (info.sampleRate));

    MonoSignal signal;
    signal.sampleRate = (int) info.sampleRate;
    signal.samples.resize ((size_t) info.frames);
    const std::int64_t block = 65536;
    std::vector<std::vector<float>> planes ((size_t) info.channels, std::vector<float> ((size_t) block));
    std::vector<float*> pointers;
    for (auto& p : planes)
        pointers.push_back (p.data());
    const float scale = 1.0f / (float) info.channels;
    std::int64_t position = 0;
    while (position < info.frames)
    {
        const auto got = reader.read (pointers.data(), std::min (block, info.frames - position));
        if (got <= 0)
            break;
        float* out = signal.samples.data() + position;
        for (std::int64_t i = 0; i < got; ++i)
            out[i] = planes[0][(size_t) i];
        for (size_t c = 1; c < planes.size(); ++c)
            for (std::int64_t i = 0; i < got; ++i)
                out[i] += planes[c][(size_t) i];
        if (planes.size() > 1)
            for (std::int64_t i = 0; i < got; ++i)
                out[i] *= scale;
        position += got;
    }
    signal.samples.resize ((size_t) position);
    return signal;
}
} // namespace loopstage::align
