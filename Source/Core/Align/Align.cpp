#include "Align/Align.h"
#include "Align/MonoSource.h"
#include "Align/TimeWarp.h"

#include <algorithm>

namespace loopstage::align
{
AlignmentResult alignSignals (const MonoSignal& guide, const MonoSignal& take, const AlignOptions& options,
                           Progress& progress)
{
    return alignSources (SignalSource (guide), SignalSource (take), options, progress);
}

AlignmentResult alignSources (const MonoSource& guide, const MonoSource& take, const AlignOptions& options,
                              Progress& progress)
{
    AlignmentResult result;
    result.sampleRate = guide.sampleRate();
    fitAlignment (guide, take, options, result, progress);
    progress.update (1.0, "align");
    return result;
}

AlignmentResult alignFiles (const std::filesystem::path& guide, const std::filesystem::path& take,
                            const AlignOptions& options, Progress& progress)
{
    const FileSource g (guide);
    const FileSource t (take);
    return alignSources (g, t, options, progress);
}

double takeTimeAt (const AlignmentResult& result, double guideSeconds)
{
    const auto& w = result.warp;
    if (w.empty())
        return guideSeconds + result.offsetSeconds;
    if (w.size() == 1 || guideSeconds <= w.front().guideSeconds)
        return guideSeconds - w.front().guideSeconds + w.front().takeSeconds;
    if (guideSeconds >= w.back().guideSeconds)
        return guideSeconds - w.back().guideSeconds + w.back().takeSeconds;
    auto after = std::upper_bound (w.begin(), w.end(), guideSeconds,
                                   [] (double t, const WarpPoint& p) { return t < p.guideSeconds; });
    auto before = after - 1;
    const double span = after->guideSeconds - before->guideSeconds;
    const double f = span > 0 ? (guideSeconds - before->guideSeconds) / span : 0.0;
    return before->takeSeconds + f * (after->takeSeconds - before->takeSeconds);
}
} // namespace loopstage::align
