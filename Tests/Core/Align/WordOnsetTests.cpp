// Word onsets on a clean take: one per word, where the word starts, whatever the gaps between
// words (the bulk sync is a median over words, so a missed or doubled word moves it).
#include "SpeechFixtures.h"
#include "Align/MonoSource.h"
#include "Align/WordOnsets.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace loopstage;
using namespace loopstage::test;

TEST_CASE ("word onsets: one per word, within 10 ms, through short gaps and a noise floor", "[align]")
{
    TempDir dir ("align-onsets");
    const std::vector<std::string> text { "keep", "the", "line", "tight", "and", "watch", "the", "window",
                                          "seven", "ships", "sailed", "at", "dawn" };
    std::mt19937 random (7);
    std::uniform_real_distribution<double> gap (0.03, 0.12), level (-60.0, -45.0);
    for (const auto* voice : { "en-us", "en-gb", "en+f3" })
    {
        align::MonoSignal line { std::vector<float> ((size_t) (0.4 * 48000), 0.0f), 48000 };
        std::vector<double> truth;
        for (const auto& word : text)
        {
            const auto w = spokenWord (dir.path(), word, voice, 170);
            truth.push_back ((double) line.samples.size() / 48000);
            line.samples.insert (line.samples.end(), w.begin(), w.end());
            line.samples.insert (line.samples.end(), (size_t) (gap (random) * 48000), 0.0f);
        }
        line.samples.insert (line.samples.end(), (size_t) (0.5 * 48000), 0.0f);
        // A booth's noise floor 45-60 dB down.
        const double floorGain = std::pow (10.0, level (random) / 20.0);
        std::normal_distribution<float> noise (0.0f, 1.0f);
        for (auto& s : line.samples)
            s += (float) (floorGain * 0.3) * noise (random);

        const auto found = align::wordOnsets (align::SignalSource (line));
        INFO (voice << ": " << found.seconds.size() << " onsets for " << truth.size() << " words");
        CHECK (found.rangeDb > 30.0);
        // Every word found once, within 10 ms of its start (the espeak words start with a
        // fade-in, so the found onset may sit a few ms after the first sample).
        int matched = 0;
        for (const double t : truth)
        {
            int near = 0;
            for (const double f : found.seconds)
                near += std::abs (f - t) <= 0.010 ? 1 : 0;
            CHECK (near == 1);
            matched += near == 1 ? 1 : 0;
        }
        CHECK (matched == (int) truth.size());
        // An extra rise is a syllable after a deep closure inside a word ("win-dow"): one in
        // ten at most. (The bulk sync takes the median over them all.)
        for (const double f : found.seconds)
        {
            size_t word = 0;
            while (word + 1 < truth.size() && truth[word + 1] <= f + 0.010)
                ++word;
            if (std::abs (f - truth[word]) > 0.010)
                UNSCOPED_INFO ("extra at " << f << " s, " << (f - truth[word]) * 1000.0 << " ms into \"" << text[word] << "\"");
        }
        CHECK (found.seconds.size() * 10 <= truth.size() * 11);
    }
}

TEST_CASE ("word onsets: noise alone has none", "[align]")
{
    align::MonoSignal hiss { std::vector<float> ((size_t) (4 * 48000)), 48000 };
    std::mt19937 random (3);
    std::normal_distribution<float> noise (0.0f, 0.1f);
    for (auto& s : hiss.samples)
        s = noise (random);
    const auto found = align::wordOnsets (align::SignalSource (hiss));
    CHECK (found.seconds.empty());
    CHECK (found.rangeDb < 15.0);
}
