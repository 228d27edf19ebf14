// Time-warp fit on a re-performance: the same words, spoken at another speed, with gaps that
// differ by up to +/-200 ms from the guide's, behind a global offset. Every word is its own
// espeak-ng file placed at a known sample, so word onsets are exact.
#include "SpeechFixtures.h"
#include "Align/Align.h"
#include "Align/MonoReader.h"
#include "Align/WarpRenderer.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <optional>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
const int rate = 48000;

struct Line
{
    align::MonoSignal signal { {}, rate };
    std::vector<double> onsets;   // seconds
};

Line place (const std::vector<std::vector<float>>& words, const std::vector<double>& onsets)
{
    Line line;
    auto& s = line.signal.samples;
    for (size_t i = 0; i < words.size(); ++i)
    {
        const auto at = (size_t) std::llround (onsets[i] * rate);
        REQUIRE (at >= s.size());
        s.resize (at, 0.0f);
        line.onsets.push_back ((double) at / rate);
        s.insert (s.end(), words[i].begin(), words[i].end());
    }
    s.insert (s.end(), (size_t) rate, 0.0f);
    return line;
}
} // namespace

TEST_CASE ("warp puts re-performed word onsets within 10 ms (p95)", "[align]")
{
    TempDir dir ("align-warp");
    const std::vector<std::string> text { "listen", "carefully", "the", "bridge", "will", "fall", "before",
                                          "midnight", "unless", "somebody", "stops", "them", "now" };
    std::vector<std::vector<float>> guideWords, takeWords;
    for (const auto& w : text)
    {
        guideWords.push_back (spokenWord (dir.path(), w, "en-us", 160));
        takeWords.push_back (spokenWord (dir.path(), w, "en-us", 175));
    }
    // Guide words with gaps of 120..330 ms; each take word lands 0.4 s later plus its own
    // drift of up to +/-200 ms (word by word, not accumulating), at least 40 ms after the last.
    std::vector<double> guideOnsets, takeOnsets;
    double t = 0.5;
    for (size_t i = 0; i < text.size(); ++i)
    {
        guideOnsets.push_back (t);
        t += (double) guideWords[i].size() / rate + 0.12 + 0.07 * (double) (i % 4);
        double onset = guideOnsets[i] + 0.4 + 0.2 * std::sin (1.7 * (double) i + 0.3);
        if (i > 0)
            onset = std::max (onset, takeOnsets[i - 1] + (double) takeWords[i - 1].size() / rate + 0.04);
        takeOnsets.push_back (onset);
    }
    auto guide = place (guideWords, guideOnsets);
    auto take = place (takeWords, takeOnsets);
    writeMono (dir / "guide_clean.wav", guide.signal);
    dirtyGuide (dir / "guide_clean.wav", dir / "guide.wav", 15.0, "pinknoise");
    writeMono (dir / "take.wav", take.signal);

    align::AlignOptions options;
    options.warp = true;
    const auto g = align::readMono (dir / "guide.wav");
    const auto result = align::alignSignals (g, take.signal, options);
    REQUIRE (result.warp.size() > 10);
    for (size_t i = 1; i < result.warp.size(); ++i)
    {
        CHECK (result.warp[i].guideSeconds > result.warp[i - 1].guideSeconds);
        CHECK (result.warp[i].takeSeconds > result.warp[i - 1].takeSeconds);
    }
    std::vector<double> errorsMs;
    for (size_t i = 0; i < text.size(); ++i)
        errorsMs.push_back (1000.0 * std::abs (align::takeTimeAt (result, guide.onsets[i]) - take.onsets[i]));
    std::vector<double> offsetOnlyMs;
    for (size_t i = 0; i < text.size(); ++i)
        offsetOnlyMs.push_back (1000.0 * std::abs (guide.onsets[i] + result.offsetSeconds - take.onsets[i]));
    for (size_t i = 0; i < text.size(); ++i)
        UNSCOPED_INFO (text[i] << " guide " << guide.onsets[i] << " take " << take.onsets[i] << " mapped " << align::takeTimeAt (result, guide.onsets[i]));
    std::sort (errorsMs.begin(), errorsMs.end());
    std::sort (offsetOnlyMs.begin(), offsetOnlyMs.end());
    const double p95 = errorsMs[(size_t) std::ceil (0.95 * (double) errorsMs.size()) - 1];
    INFO ("warped onset errors ms: median " << errorsMs[errorsMs.size() / 2] << " p95 " << p95
          << "; offset only p95 " << offsetOnlyMs.back());
    CHECK (errorsMs[errorsMs.size() / 2] <= 5.0);
    CHECK (p95 <= 10.0);
    CHECK (offsetOnlyMs.back() > 50.0);   // the drift is real
    REQUIRE (result.syncScore.has_value());
    CHECK (result.syncScore->segments >= 3);
    CHECK (result.syncScore->p95Ms <= 20.0);

    // The Rubber Band render lands on the guide's timeline and length.
    align::renderAligned (dir / "take.wav", result, (std::int64_t) g.samples.size(), rate, dir / "aligned.wav");
    const auto aligned = align::readMono (dir / "aligned.wav");
    CHECK (aligned.samples.size() == g.samples.size());
    CHECK (aligned.sampleRate == rate);
    // Each take word starts in the render where the guide's word starts: what the mixer hears.
    // Onsets are where a 1 ms RMS first reaches 2 % (-34 dB) of the word's loudest millisecond, less
    // that crossing's own delay inside the take word. (Correlating against the take word would
    // be biased: the render stretches the words themselves to the guide's speed.)
    auto crossing = [] (const std::vector<float>& x, size_t from, size_t to, double threshold) -> std::optional<size_t>
    {
        const size_t w = 48;
        double sum = 0.0;
        bool quiet = from == 0;   // a rising crossing: the tail of the word before does not count
        for (size_t i = from; i < to && i < x.size(); ++i)
        {
            sum += (double) x[i] * x[i];
            if (i >= from + w)
                sum -= (double) x[i - w] * x[i - w];
            if (i < from + w)
                continue;
            const bool loud = std::sqrt (sum / (double) w) >= threshold;
            if (loud && quiet)
                return i;
            quiet = quiet || ! loud;
        }
        return std::nullopt;
    };
    std::vector<double> renderedMs;
    for (size_t i = 0; i < text.size(); ++i)
    {
        const auto& w = takeWords[i];
        double loudest = 0.0, sum = 0.0;
        for (size_t k = 0; k < w.size(); ++k)
        {
            sum += (double) w[k] * w[k];
            if (k >= 48)
                sum -= (double) w[k - 48] * w[k - 48];
            loudest = std::max (loudest, std::sqrt (sum / 48.0));
        }
        const double threshold = 0.02 * loudest;
        const auto own = crossing (w, 0, w.size(), threshold);
        REQUIRE (own.has_value());
        const auto expected = (std::int64_t) std::llround (guide.onsets[i] * rate);
        const auto window = (std::int64_t) (0.06 * rate);
        const auto found = crossing (aligned.samples, (size_t) (expected - window), (size_t) (expected + window), threshold);
        const double errorMs = found ? 1000.0 * (double) ((std::int64_t) *found - (std::int64_t) *own - expected) / rate : 999.0;
        UNSCOPED_INFO ("rendered " << text[i] << " " << errorMs << " ms");
        renderedMs.push_back (std::abs (errorMs));
    }
    std::sort (renderedMs.begin(), renderedMs.end());
    const double renderedP95 = renderedMs[(size_t) std::ceil (0.95 * (double) renderedMs.size()) - 1];
    INFO ("rendered onset errors ms: median " << renderedMs[renderedMs.size() / 2] << " p95 " << renderedP95);
    CHECK (renderedMs[renderedMs.size() / 2] <= 5.0);
    CHECK (renderedP95 <= 10.0);
}
