#include "Align/ChannelSpans.h"

#include <algorithm>

namespace loopstage::align
{
ChannelSpans::ChannelSpans (const std::filesystem::path& take, const Resampler& r, std::int64_t outputEnd)
    : reader (take), resampler (r), end (outputEnd)
{
}

void ChannelSpans::read (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& out)
{
    out.resize ((size_t) channels());
    for (auto& ch : out)
        ch.assign ((size_t) std::max<std::int64_t> (0, count), 0.0f);
    const auto valid = std::clamp<std::int64_t> (end - first, 0, count);
    if (valid == 0)
        return;
    auto [from, to] = resampler.inputSpanOf (first, valid);
    from = std::max<std::int64_t> (0, from);
    to = std::min (reader.info().frames, to);
    if (to <= from)
    {
        // Nothing of the take under this span: the resampler still sees an empty input.
        for (auto& ch : out)
            resampler.process (nullptr, 0, 0, first, valid, ch.data());
        return;
    }
    const auto span = reader.readRange (from, to - from);
    for (int c = 0; c < channels(); ++c)
        resampler.process (span.channels[(size_t) c].data(), from, span.numFrames(), first, valid,
                           out[(size_t) c].data());
}
} // namespace loopstage::align
