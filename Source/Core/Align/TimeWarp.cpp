#include "Align/TimeWarp.h"
#include "Align/CoarseLine.h"
#include "Align/Dtw.h"
#include "Align/Features.h"
#include "Align/OffsetFinder.h"
#include "Align/OnsetRefiner.h"
#include "Align/SyncScore.h"
#include "Align/WordOnsets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <future>
#include <optional>

namespace loopstage::align
{
namespace
{
    struct Frames
    {
        FeatureFrames features;
        std::vector<char> speech;
        bool speechFound = true;   ///< false: no frame stood out as speech (all were marked, for the fit)
        WordOnsets onsets;         ///< where words start (WordOnsets.h), found in the same pass
        /** When set, these frames are `reversedOf` played backwards (features left empty: a
            30-minute take's frames are not copied for the confidence's baseline). */
        const FeatureFrames* reversedOf = nullptr;
        const FeatureFrames& values() const { return reversedOf != nullptr ? *reversedOf : features; }
    };

    Frames framesOf (const MonoSource& source, double hop, double topHz, bool withOnsets)
    {
        Frames f;
        std::optional<WordLevel> level;
        if (withOnsets)
            level.emplace (source.sampleRate());
        std::int64_t fed = 0;   // samples [0, fed) have gone to `level`
        const auto length = source.frames();
        f.features = logMelFrames ([&] (std::int64_t start, std::int64_t count, float* out)
                                   {
                                       source.read (start, count, out);
                                       // The feature pass reads overlapping blocks front to back:
                                       // each sample goes to the word level once, in order, and
                                       // the file is not read a second time for it.
                                       const auto to = std::min (length, start + count);
                                       if (level && start <= fed && to > fed)
                                       {
                                           level->add (out + (fed - start), to - fed);
                                           fed = to;
                                       }
                                   },
                                   length, source.sampleRate(), hop, topHz);
        if (level)
        {
            std::vector<float> rest (1 << 16);
            for (; fed < length; fed += (std::int64_t) rest.size())
            {
                const auto count = std::min ((std::int64_t) rest.size(), length - fed);
                source.read (fed, count, rest.data());
                level->add (rest.data(), count);
            }
            f.onsets = level->onsets();
        }
        f.speech = speechFrames (f.features);
        // Words 0 dB under a production track's noise do not stand out of it: then every
        // frame may be speech, and the features decide.
        if (std::find (f.speech.begin(), f.speech.end(), (char) 1) == f.speech.end())
        {
            std::fill (f.speech.begin(), f.speech.end(), (char) 1);
            f.speechFound = false;
        }
        return f;
    }

    // `fine.speech` is already in the order the frames are read (backwards or not).
    Frames coarseOf (const Frames& fine, int factor)
    {
        Frames c;
        c.features = pooled (fine.values(), factor, fine.reversedOf != nullptr);
        c.speech.assign ((size_t) c.features.frames(), 0);
        for (size_t i = 0; i < fine.speech.size(); ++i)
            if (fine.speech[i])
                c.speech[i / (size_t) factor] = 1;
        return c;
    }

    // Mean frame distance along the path where either side speaks: how well the words match.
    double speechDistance (const Frames& g, const Frames& x, const DtwPath& path)
    {
        double sum = 0.0;
        int count = 0;
        for (const auto& c : path.cells)
            if (g.speech[(size_t) c.guide] || x.speech[(size_t) c.take])
            {
                sum += x.reversedOf != nullptr ? reversedFrameDistance (g.features, c.guide, *x.reversedOf, c.take)
                                               : frameDistance (g.features, c.guide, x.features, c.take);
                ++count;
            }
        return count > 0 ? sum / count : 0.0;
    }

    struct Fit
    {
        DtwPath path;
        double lineScore = 0.0;
        bool found = false;
    };

    // Coarse line, coarse DTW around it, fine DTW around that.
    Fit fitPath (const Frames& g, const Frames& x, const Frames& cg, const Frames& cx, int factor,
                 std::optional<double> maxOffsetSeconds, bool searchPace)
    {
        Fit fit;
        const double coarseHop = cg.features.hopSeconds;
        std::optional<double> maxIntercept;
        if (maxOffsetSeconds)
            maxIntercept = *maxOffsetSeconds / coarseHop;
        const auto line = findCoarseLine (cg.features, cg.speech, cx.features, cx.speech, maxIntercept, searchPace);
        if (! line.found)
            return fit;
        fit.lineScore = line.score;
        const double longer = std::max (cg.features.frames(), cx.features.frames()) * coarseHop;
        const int band = (int) std::lround (std::clamp (0.1 * longer, 1.0, 4.0) / coarseHop);
        DtwOptions coarseOptions;
        coarseOptions.guideSpeech = &cg.speech;
        coarseOptions.takeSpeech = &cx.speech;
        auto window = lineWindow (cg.features.frames(), cx.features.frames(), line.slope, line.intercept, band);
        if (maxIntercept)
        {
            // --max-offset bounds every point of the path, not just the line's start.
            const int reach = (int) std::ceil (*maxIntercept), last = std::max (0, cx.features.frames() - 1);
            for (int i = 0; i < (int) window.lo.size(); ++i)
            {
                const int from = std::clamp (i - reach, 0, last), to = std::clamp (i + reach, 0, last);
                window.lo[(size_t) i] = std::clamp (window.lo[(size_t) i], from, to);
                window.hi[(size_t) i] = std::clamp (window.hi[(size_t) i], from, to);
            }
        }
        const auto coarse = warpPath (cg.features, cx.features, window, coarseOptions);
        if (coarse.cells.empty())
            return fit;
        DtwOptions fineOptions;
        fineOptions.guideSpeech = &g.speech;
        fineOptions.takeSpeech = &x.speech;
        fineOptions.takeReversed = x.reversedOf != nullptr;
        fit.path = warpPath (g.features, x.values(),
                             refineWindow (coarse, factor, g.features.frames(), x.values().frames(), 2 * factor),
                             fineOptions);
        fit.found = ! fit.path.cells.empty();
        return fit;
    }

    // Take frame (first met) for every guide frame along the path.
    std::vector<double> takeFrameOf (const DtwPath& path, int guideFrames)
    {
        std::vector<double> map ((size_t) guideFrames, -1.0);
        for (const auto& c : path.cells)
            if (map[(size_t) c.guide] < 0.0)
                map[(size_t) c.guide] = c.take;
        double last = 0.0;
        for (auto& v : map)
            v = v < 0.0 ? last + 1.0 : v, last = v;
        return map;
    }

    // Guide frame (first met) for every take frame along the path.
    std::vector<double> guideFrameOf (const DtwPath& path, int takeFrames)
    {
        std::vector<double> map ((size_t) takeFrames, -1.0);
        for (const auto& c : path.cells)
            if (map[(size_t) c.take] < 0.0)
                map[(size_t) c.take] = c.guide;
        // Before the path starts and after it ends the take runs at the guide's pace.
        const auto& first = path.cells.front();
        const auto& last = path.cells.back();
        for (int j = 0; j < takeFrames; ++j)
            if (map[(size_t) j] < 0.0)
                map[(size_t) j] = j < first.take ? first.guide - (first.take - j) : last.guide + (j - last.take);
        return map;
    }

    double median (std::vector<double> v)
    {
        if (v.empty())
            return 0.0;
        const auto mid = v.begin() + (long) v.size() / 2;
        std::nth_element (v.begin(), mid, v.end());
        if (v.size() % 2 == 1)
            return *mid;
        return 0.5 * (*mid + *std::max_element (v.begin(), mid));
    }

    struct OnsetPair
    {
        double guideSeconds, takeSeconds;
    };

    // Word onsets of the file that shows its words more clearly (the booth take, as a rule),
    // with where the path puts them in the other. Take onsets far from any guide speech (a
    // slate, a breath) are left out while others remain.
    std::vector<OnsetPair> onsetPairs (const Frames& g, const Frames& x, const DtwPath& path)
    {
        const double hop = g.features.hopSeconds;
        auto through = [hop] (const std::vector<double>& map, double seconds)
        {
            const auto j = (size_t) std::clamp ((int) std::lround (seconds / hop), 0, (int) map.size() - 1);
            return (map[j] + (seconds / hop - (double) j)) * hop;
        };
        const int reach = (int) std::lround (0.1 / hop);
        auto guideSpeaksNear = [&] (double seconds)
        {
            const int i = (int) std::lround (seconds / hop);
            const int from = std::max (0, i - reach), to = std::min ((int) g.speech.size(), i + reach + 1);
            return from < to && std::find (g.speech.begin() + from, g.speech.begin() + to, (char) 1) != g.speech.begin() + to;
        };
        const auto& takeOnsets = x.onsets;
        const auto& guideOnsets = g.onsets;
        std::vector<OnsetPair> all, nearGuideSpeech;
        if (takeOnsets.rangeDb >= guideOnsets.rangeDb)
        {
            const auto guideAt = guideFrameOf (path, x.features.frames());
            for (const double t : takeOnsets.seconds)
            {
                all.push_back ({ through (guideAt, t), t });
                if (guideSpeaksNear (all.back().guideSeconds))
                    nearGuideSpeech.push_back (all.back());
            }
        }
        else
        {
            const auto takeAt = takeFrameOf (path, g.features.frames());
            for (const double u : guideOnsets.seconds)
                nearGuideSpeech.push_back ({ u, through (takeAt, u) });
        }
        return nearGuideSpeech.empty() ? all : nearGuideSpeech;
    }

    std::vector<WarpPoint> warpMap (const std::vector<double>& path, double hop)
    {
        // Median over 25 ms, then a knot every 20 ms, strictly increasing: a drift changes in the
        // gap between two words, so the map must be allowed to turn that quickly.
        const int n = (int) path.size();
        const int half = std::max (1, (int) std::lround (0.0125 / hop) - 1);
        std::vector<double> smooth ((size_t) n), window;
        for (int i = 0; i < n; ++i)
        {
            window.clear();
            for (int k = std::max (0, i - half); k <= std::min (n - 1, i + half); ++k)
                window.push_back (path[(size_t) k] - k);
            std::nth_element (window.begin(), window.begin() + (long) window.size() / 2, window.end());
            smooth[(size_t) i] = i + window[window.size() / 2];
        }
        const int knotStep = std::max (1, (int) std::lround (0.02 / hop));
        std::vector<WarpPoint> map;
        double last = -1e9;
        for (int i = 0; i < n; i += knotStep)
        {
            const double t = std::max (smooth[(size_t) i], last + 0.01 * knotStep);   // nearly flat is allowed: a shorter gap
            last = t;
            map.push_back ({ i * hop, t * hop });
        }
        return map;
    }

    // The words of the line: onsets whose displacement (take minus guide) follows one straight
    // line in take time, within 150 ms, with a slope a re-performance can have (pace within
    // 15 %), the line chosen to hold the most onsets. A slate, a breath or another actor's line
    // that the path has paired with something in the guide falls off it. Exhaustive over
    // pairs of onsets for up to 300 onsets (a long take's bulk is its words anyway).
    std::vector<size_t> lineWords (const std::vector<OnsetPair>& onsets, const std::vector<double>& displacement)
    {
        const size_t n = onsets.size();
        std::vector<size_t> all (n);
        for (size_t k = 0; k < n; ++k)
            all[k] = k;
        if (n < 4 || n > 300)
            return all;
        std::vector<size_t> best;
        double bestResidual = 0.0;
        for (size_t i = 0; i < n; ++i)
            for (size_t j = i + 1; j < n; ++j)
            {
                const double dt = onsets[j].takeSeconds - onsets[i].takeSeconds;
                if (dt <= 0.0)
                    continue;
                const double slope = (displacement[j] - displacement[i]) / dt;
                if (std::abs (slope) > 0.15)
                    continue;
                std::vector<size_t> inliers;
                double residual = 0.0;
                for (size_t k = 0; k < n; ++k)
                {
                    const double r = std::abs (displacement[k] - displacement[i] - slope * (onsets[k].takeSeconds - onsets[i].takeSeconds));
                    if (r <= 0.15)
                        inliers.push_back (k), residual += r;
                }
                if (inliers.size() > best.size() || (inliers.size() == best.size() && residual < bestResidual))
                    best = std::move (inliers), bestResidual = residual;
            }
        return best.size() >= 3 ? best : all;
    }

    // Interquartile range: how far the onsets disagree (a copy: a millisecond or less).
    double spread (std::vector<double> v)
    {
        if (v.size() < 2)
            return 0.0;
        std::sort (v.begin(), v.end());
        return v[v.size() * 3 / 4] - v[v.size() / 4];
    }

    // A copy's waveform correlation stands 20+ times over its sidelobes; a re-performance's under 8.
    constexpr double copyPeakToSidelobe = 12.0;

    bool debugging() { return std::getenv ("LOOPSTAGE_ALIGN_DEBUG") != nullptr; }

    // Debug: seconds since `start`, to see where an alignment's time goes.
    void stamp (std::chrono::steady_clock::time_point start, const char* what)
    {
        if (debugging())
            std::fprintf (stderr, "align: %.3f s %s\n", std::chrono::duration<double> (std::chrono::steady_clock::now() - start).count(), what);
    }

    // The feature hop: 5 ms for a line, 10 ms for a reel (a 30-minute pair's frames are then
    // 46 MB a file; the warp's word onsets stay within 7 ms at p95, docs/BENCHMARKS.md).
    double hopFor (double longerSeconds) { return longerSeconds > 600.0 ? 0.01 : 0.005; }
} // namespace

void fitAlignment (const MonoSource& guide, const MonoSource& take, const AlignOptions& options,
                   AlignmentResult& result, Progress& progress)
{
    const double longer = std::max ((double) guide.frames() / guide.sampleRate(), (double) take.frames() / take.sampleRate());
    const double hop = hopFor (longer);
    const int factor = (int) std::lround (0.04 / hop);
    const auto started = std::chrono::steady_clock::now();
    progress.update (0.1, "features");
    const double topHz = sharedTopHz (guide.sampleRate(), take.sampleRate());
    auto guideJob = std::async (std::launch::async, [&] { return framesOf (guide, hop, topHz, true); });
    const auto x = framesOf (take, hop, topHz, true);
    const auto g = guideJob.get();
    const auto cg = coarseOf (g, factor), cx = coarseOf (x, factor);
    const bool searchPace = longer <= 300.0;

    stamp (started, "features");
    progress.update (0.4, "warp");
    // The backward fit (the confidence's baseline) runs beside the forward one.
    // A reel's runs after it instead: its DTW windows and coarse search are tens of megabytes.
    auto backwardJob = std::async (longer > 600.0 ? std::launch::deferred : std::launch::async, [&]
    {
        Frames bx;
        bx.speech = x.speech;
        bx.reversedOf = &x.features;
        std::reverse (bx.speech.begin(), bx.speech.end());
        const auto bcx = coarseOf (bx, factor);
        const auto fit = fitPath (g, bx, cg, bcx, factor, std::nullopt, searchPace);
        return fit.found ? speechDistance (g, bx, fit.path) : 0.0;
    });
    const auto fit = fitPath (g, x, cg, cx, factor, options.maxOffsetSeconds, searchPace);
    stamp (started, "forward fit");
    const double backward = backwardJob.get();
    stamp (started, "backward fit");
    if (! fit.found)
        return;

    const double forward = speechDistance (g, x, fit.path);
    result.matchRatio = backward > 0.0 ? forward / backward : 1.0;
    // Calibrated on the labelled set (docs/ALIGNMENT.md): every wrong take (another line,
    // voice or language, noise, hum, a tone, beeps) reads 0.88 or more; genuine takes read
    // 0.2-0.87 unless the guide's words sit under babble a few dB down. The threshold 0.5
    // falls at a ratio of 0.88.
    result.confidence = std::clamp ((0.93 - result.matchRatio) / 0.1, 0.0, 1.0);

    // Take minus guide (seconds) at each word onset, as the path has them (5 ms frames).
    const auto onsets = onsetPairs (g, x, fit.path);
    stamp (started, "word onsets");
    std::vector<double> displacements;
    for (const auto& onset : onsets)
        displacements.push_back (onset.takeSeconds - onset.guideSeconds);
    const auto map = takeFrameOf (fit.path, g.features.frames());
    result.offsetSeconds = displacements.empty() ? (map[map.size() / 2] - (double) (map.size() / 2)) * hop : median (displacements);

    // A copy of the guide's sound moves every onset by the same amount: then the waveforms
    // give the offset to a fraction of a sample, provided they agree with the features.
    bool copy = false;
    if (spread (displacements) <= hop)
    {
        const int agree = (int) std::ceil (0.004 * guide.sampleRate());
        const auto match = refineOffset (guide, take, result.offsetSeconds * guide.sampleRate(), agree + 2);
        copy = match.peakToSidelobe >= copyPeakToSidelobe
               && std::abs (match.offsetSamples - result.offsetSeconds * guide.sampleRate()) <= agree;
        if (copy)
        {
            // The guide's own sound, found on the waveform: certain, whatever the features say
            // under 0 dB of production noise.
            result.confidence = 1.0;
            result.offsetSeconds = match.offsetSamples / guide.sampleRate();
            result.peakToSidelobe = match.peakToSidelobe;
            result.inverted = match.inverted;
        }
        if (debugging())
            std::fprintf (stderr, "align: waveform %.3f psr %.1f%s\n", match.offsetSamples, match.peakToSidelobe,
                          match.inverted ? " inverted" : "");
    }
    // A re-performance: each onset refined to the millisecond on the level curves.
    if (! copy && ! onsets.empty())
    {
        for (size_t k = 0; k < onsets.size(); ++k)
        {
            double correlation = 0.0;
            const auto refined = refineOnset (guide, onsets[k].guideSeconds, take, onsets[k].takeSeconds, 0.012, &correlation);
            if (debugging())
                std::fprintf (stderr, "align: onset guide %.3f take %.3f shift %.1f ms refined %+.1f ms r %.2f\n", onsets[k].guideSeconds,
                              onsets[k].takeSeconds, 1000.0 * displacements[k], 1000.0 * refined.value_or (0.0), correlation);
            displacements[k] += refined.value_or (0.0);
        }
        std::vector<double> line;
        for (const auto k : lineWords (onsets, displacements))
            line.push_back (displacements[k]);
        if (debugging())
            std::fprintf (stderr, "align: %zu of %zu onsets on the line\n", line.size(), displacements.size());
        result.offsetSeconds = median (line);
    }
    // A guide with no word standing out of it (a tone, noise alone, a line 0 dB under noise)
    // cannot vouch for a re-performance: the path's match is then chance. Only a copy found on
    // the waveform is sure there.
    if (! g.speechFound && ! copy)
        result.confidence = std::min (result.confidence, 0.25);
    stamp (started, "offset");
    if (options.maxOffsetSeconds)
        result.offsetSeconds = std::clamp (result.offsetSeconds, -*options.maxOffsetSeconds, *options.maxOffsetSeconds);
    result.offsetSamples = result.offsetSeconds * guide.sampleRate();
    if (debugging())
    {
        std::fprintf (stderr, "align: line %.3f\n", fit.lineScore);
        std::fprintf (stderr, "align: forward %.3f backward %.3f ratio %.3f onsets %zu offset %.4f s\n", forward, backward,
                      result.matchRatio, displacements.size(), result.offsetSeconds);
    }

    const double searchMs = 1000.0 * options.maxDriftSeconds;
    if (options.warp)
    {
        result.warp = warpMap (map, hop);
        std::vector<double> warped ((size_t) g.features.frames());
        for (size_t i = 0; i < warped.size(); ++i)
            warped[i] = takeTimeAt (result, (double) i * hop) / hop;
        result.syncScore = measureSync (g.features, x.features, warped, searchMs);
    }
    else if (options.offsetSyncScore)
    {
        std::vector<double> moved ((size_t) g.features.frames());
        for (size_t i = 0; i < moved.size(); ++i)
            moved[i] = (double) i + result.offsetSeconds / hop;
        result.syncScore = measureSync (g.features, x.features, moved, searchMs);
    }
}

std::optional<SyncScore> scoreOffset (const MonoSource& guide, const MonoSource& take, double offsetSeconds,
                                      double searchSeconds)
{
    const double longer = std::max ((double) guide.frames() / guide.sampleRate(), (double) take.frames() / take.sampleRate());
    const double hop = hopFor (longer);
    const double topHz = sharedTopHz (guide.sampleRate(), take.sampleRate());
    auto guideJob = std::async (std::launch::async, [&] { return framesOf (guide, hop, topHz, false); });
    const auto x = framesOf (take, hop, topHz, false);
    const auto g = guideJob.get();
    std::vector<double> moved ((size_t) g.features.frames());
    for (size_t i = 0; i < moved.size(); ++i)
        moved[i] = (double) i + offsetSeconds / hop;
    return measureSync (g.features, x.features, moved, 1000.0 * searchSeconds);
}

std::optional<SyncScore> scoreAligned (const MonoSource& guide, const MonoSource& aligned, double searchSeconds)
{
    return scoreOffset (guide, aligned, 0.0, searchSeconds);
}
} // namespace loopstage::align
