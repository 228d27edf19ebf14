#include "Align/SyncScore.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopstage::align
{
namespace
{
    double costAt (const FeatureFrames& g, const FeatureFrames& x, const std::vector<double>& map,
                   int from, int to, double lagFrames)
    {
        double cost = 0.0;
        for (int i = from; i < to; ++i)
        {
            const double j = map[(size_t) i] + lagFrames;
            const int j0 = (int) std::floor (j);
            const double w = j - j0;
            cost += (1.0 - w) * frameDistance (g, i, x, j0) + w * frameDistance (g, i, x, j0 + 1);
        }
        return cost;
    }

    double residualMs (const FeatureFrames& g, const FeatureFrames& x, const std::vector<double>& map,
                       int from, int to, double searchMs)
    {
        const double frameMs = 1000.0 * g.hopSeconds;
        const int reach = (int) std::floor (searchMs / frameMs);
        double best = std::numeric_limits<double>::max();
        int bestFrames = 0;
        for (int lag = -reach; lag <= reach; ++lag)
            if (const double c = costAt (g, x, map, from, to, lag); c < best)
                best = c, bestFrames = lag;
        double bestMs = bestFrames * frameMs;
        const int centre = (int) std::lround (bestMs);
        for (int ms = centre - (int) frameMs; ms <= centre + (int) frameMs; ++ms)
        {
            if (std::abs (ms) > searchMs)
                continue;
            if (const double c = costAt (g, x, map, from, to, ms / frameMs); c < best)
                best = c, bestMs = ms;
        }
        return std::min (std::abs (bestMs), searchMs);
    }
} // namespace

std::vector<char> speechFrames (const FeatureFrames& frames)
{
    const auto& level = frames.speechDb;
    const int n = (int) level.size();
    std::vector<char> speech ((size_t) n, 0);
    if (n < 20)
        return speech;
    auto sorted = level;
    std::sort (sorted.begin(), sorted.end());
    const float floorDb = sorted[(size_t) n / 10];
    const float speechDb = sorted[(size_t) n * 95 / 100];
    if (speechDb < floorDb + 12.0f)
        return speech;
    const float enter = std::max (floorDb + 10.0f, speechDb - 35.0f), stay = enter - 4.0f;
    const int bridge = (int) std::lround (0.04 / frames.hopSeconds);
    int lastSpeech = -bridge - 1;
    bool on = false;
    for (int i = 0; i < n; ++i)
    {
        on = on ? level[(size_t) i] > stay : level[(size_t) i] > enter;
        if (! on)
            continue;
        if (i - lastSpeech <= bridge)
            std::fill (speech.begin() + lastSpeech + 1, speech.begin() + i, 1);
        speech[(size_t) i] = 1;
        lastSpeech = i;
    }
    return speech;
}

std::vector<std::pair<int, int>> speechSegments (const FeatureFrames& guide)
{
    std::vector<std::pair<int, int>> segments;
    const auto speech = speechFrames (guide);
    const int n = (int) speech.size();
    const int shortest = (int) std::lround (0.1 / guide.hopSeconds);
    for (int i = 0; i < n;)
    {
        if (! speech[(size_t) i])
        {
            ++i;
            continue;
        }
        const int from = i;
        while (i < n && speech[(size_t) i])
            ++i;
        if (i - from >= shortest)
            segments.push_back ({ from, i });
    }
    return segments;
}

std::optional<SyncScore> measureSync (const FeatureFrames& guide, const FeatureFrames& take,
                                      const std::vector<double>& takeFrameOf, double searchMs)
{
    // Only where the take speaks too: a guide excerpt also holds other actors' lines.
    const auto takeSpeech = speechFrames (take);
    const int reach = (int) std::ceil (searchMs / (1000.0 * guide.hopSeconds));
    auto takeSpeaks = [&] (int from, int to)
    {
        const int a = std::max (0, (int) std::floor (takeFrameOf[(size_t) from]) - reach);
        const int b = std::min ((int) takeSpeech.size(), (int) std::ceil (takeFrameOf[(size_t) to - 1]) + reach + 1);
        const auto count = a < b ? std::count (takeSpeech.begin() + a, takeSpeech.begin() + b, (char) 1) : 0;
        return 2 * count >= to - from;
    };
    // Judged on each segment's onset, 20 ms before to 150 ms after: a re-performed word is
    // rarely the same length, and matching its whole length would split the difference.
    const int before = (int) std::lround (0.02 / guide.hopSeconds), after = (int) std::lround (0.15 / guide.hopSeconds);
    std::vector<double> residuals;
    for (const auto& [from, to] : speechSegments (guide))
        if (takeSpeaks (from, to))
            residuals.push_back (residualMs (guide, take, takeFrameOf, std::max (0, from - before),
                                             std::min (to, from + after), searchMs));
    if (residuals.empty())
        return std::nullopt;
    std::sort (residuals.begin(), residuals.end());
    SyncScore s;
    s.segments = (int) residuals.size();
    s.medianMs = residuals[residuals.size() / 2];
    s.p95Ms = residuals[std::min (residuals.size() - 1, (size_t) std::ceil (0.95 * (double) residuals.size()) - 1)];
    return s;
}
} // namespace loopstage::align
