#include "Align/MonoSource.h"
#include "Base/Error.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace loopstage::align
{
void SignalSource::read (std::int64_t start, std::int64_t count, float* out) const
{
    const auto n = (std::int64_t) signal.samples.size();
    for (std::int64_t i = 0; i < count; ++i)
    {
        const auto k = start + i;
        out[i] = (k >= 0 && k < n) ? signal.samples[(size_t) k] : 0.0f;
    }
}

FileSource::FileSource (const std::filesystem::path& file)
    : reader (std::make_unique<audio::AudioFileReader> (file))
{
    const auto& info = reader->info();
    if (info.frames <= 0 || info.channels <= 0)
        throwFileError (file, "has no audio");
    if (info.sampleRate != std::floor (info.sampleRate) || info.sampleRate < 1000.0)
        throwFileError (file, "unsupported sample rate " + std::to_string (info.sampleRate));
    rate = (int) info.sampleRate;
    length = info.frames;
    planes.assign ((size_t) info.channels, {});
}

void FileSource::read (std::int64_t start, std::int64_t count, float* out) const
{
    std::fill (out, out + count, 0.0f);
    const auto from = std::max<std::int64_t> (0, start), to = std::min (length, start + count);
    if (to <= from)
        return;
    reader->seek (from);
    const std::int64_t block = 65536;
    for (auto& p : planes)
        p.resize ((size_t) std::min (block, to - from));
    std::vector<float*> pointers;
    for (auto& p : planes)
        pointers.push_back (p.data());
    const float scale = 1.0f / (float) planes.size();
    for (auto position = from; position < to;)
    {
        const auto got = reader->read (pointers.data(), std::min ((std::int64_t) planes[0].size(), to - position));
        if (got <= 0)
            break;
        float* o = out + (position - start);
        for (std::int64_t i = 0; i < got; ++i)
            o[i] = planes[0][(size_t) i];
        for (size_t c = 1; c < planes.size(); ++c)
            for (std::int64_t i = 0; i < got; ++i)
                o[i] += planes[c][(size_t) i];
        if (planes.size() > 1)
            for (std::int64_t i = 0; i < got; ++i)
                o[i] *= scale;
        position += got;
    }
}

void readResampled (const MonoSource& source, const Resampler& resampler, std::int64_t first, std::int64_t count,
                    float* out, std::int64_t outputEnd)
{
    const auto valid = std::clamp<std::int64_t> (outputEnd - first, 0, count);
    std::fill (out + valid, out + count, 0.0f);
    if (valid == 0)
        return;
    auto [from, to] = resampler.inputSpanOf (first, valid);
    // Only what the file holds, so the resampler sees the same edges as with the whole input.
    from = std::max<std::int64_t> (0, from);
    to = std::min (source.frames(), to);
    std::vector<float> span ((size_t) std::max<std::int64_t> (0, to - from));
    if (! span.empty())
        source.read (from, to - from, span.data());
    resampler.process (span.data(), from, (std::int64_t) span.size(), first, valid, out);
}

} // namespace loopstage::align
