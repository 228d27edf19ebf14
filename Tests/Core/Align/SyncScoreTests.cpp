// Sync score on a production-like guide (pink or brown noise 10-12 dB under the speech, 50 Hz
// hum, reverb): it must find the words, and tell a take that is 40 ms off from one in sync.
#include "SpeechFixtures.h"
#include "Align/Align.h"
#include "Align/MonoReader.h"
#include "Align/TimeWarp.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
const int rate = 48000;

align::MonoSignal place (const std::vector<std::vector<float>>& words, const std::vector<double>& onsets)
{
    align::MonoSignal line { {}, rate };
    for (size_t i = 0; i < words.size(); ++i)
    {
        line.samples.resize ((size_t) std::llround (onsets[i] * rate), 0.0f);
        line.samples.insert (line.samples.end(), words[i].begin(), words[i].end());
    }
    line.samples.insert (line.samples.end(), (size_t) rate, 0.0f);
    return line;
}
} // namespace

TEST_CASE ("sync score on a noisy guide: found, and 40 ms off reads clearly worse", "[align]")
{
    TempDir dir ("align-sync");
    const std::vector<std::string> text { "nobody", "leaves", "this", "building", "until", "the", "morning",
                                          "shift", "arrives" };
    std::vector<std::vector<float>> guideWords, takeWords;
    for (const auto& w : text)
    {
        guideWords.push_back (spokenWord (dir.path(), w, "en-us", 160));
        takeWords.push_back (spokenWord (dir.path(), w, "en-us", 166));
    }
    std::vector<double> guideOnsets, takeOnsets, lateOnsets;
    double t = 0.6;
    for (size_t i = 0; i < text.size(); ++i)
    {
        guideOnsets.push_back (t);
        takeOnsets.push_back (t + 0.3);
        lateOnsets.push_back (t + 0.3 + (i % 2 == 1 ? 0.04 : 0.0));   // every other word 40 ms late
        t += (double) std::max (guideWords[i].size(), takeWords[i].size()) / rate + 0.15 + 0.05 * (double) (i % 3);
    }
    writeMono (dir / "clean.wav", place (guideWords, guideOnsets));
    const auto take = place (takeWords, takeOnsets);
    const auto late = place (takeWords, lateOnsets);

    for (const auto& [noise, snr] : { std::pair<std::string, double> { "pinknoise", 10.0 }, { "brownnoise", 12.0 } })
    {
        DYNAMIC_SECTION (noise << " at " << snr << " dB SNR")
        {
            dirtyGuide (dir / "clean.wav", dir / ("guide-" + noise + ".wav"), snr, noise);
            const auto guide = align::readMono (dir / ("guide-" + noise + ".wav"));

            // In sync: the offset alone leaves (almost) nothing.
            const auto synced = align::alignSignals (guide, take, {});
            CHECK (std::abs (synced.offsetSeconds - 0.3) < 0.002);
            REQUIRE (synced.syncScore.has_value());
            INFO ("synced: median " << synced.syncScore->medianMs << " p95 " << synced.syncScore->p95Ms
                  << " over " << synced.syncScore->segments);
            CHECK (synced.syncScore->segments >= 3);
            CHECK (synced.syncScore->medianMs <= 5.0);
            CHECK (synced.syncScore->p95Ms <= 10.0);

            // The same take played 40 ms late as a whole.
            auto shifted = synced;
            shifted.offsetSeconds -= 0.04;
            shifted.syncScore = align::scoreOffset (align::SignalSource (guide), align::SignalSource (take),
                                                    shifted.offsetSeconds, 0.4);
            REQUIRE (shifted.syncScore.has_value());
            INFO ("40 ms late: median " << shifted.syncScore->medianMs << " p95 " << shifted.syncScore->p95Ms);
            CHECK (std::abs (shifted.syncScore->medianMs - 40.0) <= 6.0);

            // Every other word 40 ms late: no single offset fixes that, the warp does.
            const auto offsetOnly = align::alignSignals (guide, late, {});
            REQUIRE (offsetOnly.syncScore.has_value());
            INFO ("words late, offset only: median " << offsetOnly.syncScore->medianMs << " p95 "
                  << offsetOnly.syncScore->p95Ms);
            CHECK (offsetOnly.syncScore->p95Ms >= 30.0);
            CHECK (offsetOnly.syncScore->p95Ms >= synced.syncScore->p95Ms + 20.0);
            align::AlignOptions warp;
            warp.warp = true;
            const auto warped = align::alignSignals (guide, late, warp);
            REQUIRE (warped.syncScore.has_value());
            INFO ("words late, warped: median " << warped.syncScore->medianMs << " p95 " << warped.syncScore->p95Ms);
            CHECK (warped.syncScore->segments >= 3);
            CHECK (warped.syncScore->p95Ms <= 15.0);
        }
    }
}

TEST_CASE ("sync score is null when the guide has no speech", "[align]")
{
    TempDir dir ("align-sync-none");
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-c", "1", "-b", "24", (dir / "hum.wav").string(), "synth", "4",
                 "brownnoise", "synth", "4", "sine", "mix", "50" });
    const auto guide = align::readMono (dir / "hum.wav");
    const auto result = align::alignSignals (guide, guide, {});
    CHECK_FALSE (result.syncScore.has_value());
}
