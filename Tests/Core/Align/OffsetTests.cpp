// Global offset and confidence on real speech (espeak-ng) with production noise, hum, reverb
// and EQ (sox), against exactly known offsets: within 1 guide sample at 10 dB SNR.
#include "SpeechFixtures.h"
#include "Align/Align.h"
#include "Align/MonoReader.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
struct Case
{
    double offsetSeconds;
    int takeRate;
    std::string voice;
    int wpm;
    std::string noise;
};

align::AlignmentResult alignCase (const TempDir& dir, const Case& c, const std::string& name)
{
    const int rate = 48000, pad = 2 * rate;
    const auto clean = speak (dir.path(), "Get down! They are coming through the north gate, we have maybe ten "
                                          "minutes before the whole place goes up.", c.voice, c.wpm, rate);
    align::MonoSignal padded { delayed (clean.samples, 0.0, pad), rate };
    writeMono (dir / (name + "_clean.wav"), padded);
    dirtyGuide (dir / (name + "_clean.wav"), dir / (name + "_guide.wav"), 10.0, c.noise);

    align::MonoSignal moved { delayed (clean.samples, c.offsetSeconds * rate, pad), rate };
    writeMono (dir / (name + "_moved.wav"), moved);
    std::vector<std::string> booth { "highpass", "150", "equalizer", "3000", "1q", "6", "treble", "-3", "gain", "-8" };
    if (c.takeRate != rate)
    {
        booth.push_back ("rate");
        booth.push_back (std::to_string (c.takeRate));
    }
    soxEffects (dir / (name + "_moved.wav"), dir / (name + "_take.wav"), booth);
    return align::alignFiles (dir / (name + "_guide.wav"), dir / (name + "_take.wav"), {});
}
} // namespace

TEST_CASE ("global offset within one sample at 10 dB SNR", "[align]")
{
    TempDir dir ("align-offset");
    const std::vector<Case> cases {
        { 0.5, 48000, "en-us", 160, "brownnoise" },
        { -0.3127331, 48000, "en-gb", 180, "pinknoise" },
        { 0.0212345, 44100, "en-us", 140, "pinknoise" },
        { -1.1000004, 44100, "en-gb", 190, "brownnoise" },
    };
    int index = 0;
    for (const auto& c : cases)
    {
        const auto r = alignCase (dir, c, "c" + std::to_string (index++));
        INFO ("offset " << c.offsetSeconds << " take rate " << c.takeRate << " voice " << c.voice);
        CHECK (r.sampleRate == 48000);
        CHECK (std::abs (r.offsetSeconds - c.offsetSeconds) * 48000.0 <= 1.0);
        CHECK (r.offsetSamples == Approx (r.offsetSeconds * 48000.0));
        CHECK (r.confidence > 0.7);
    }
}

TEST_CASE ("an unrelated take gets low confidence", "[align]")
{
    TempDir dir ("align-unrelated");
    const int rate = 48000;
    const auto a = speak (dir.path(), "I told you never to come back here, not after what you did to my brother.",
                          "en-us", 160, rate);
    const auto b = speak (dir.path(), "The weather in spring is mild, and bread is cheaper at the market on Sundays.",
                          "en-gb", 175, rate);
    const auto c = speak (dir.path(), "Seven ships sailed at dawn towards the islands in the east.", "en-us", 150, rate);
    writeMono (dir / "a.wav", a);
    dirtyGuide (dir / "a.wav", dir / "guide.wav", 10.0, "pinknoise");
    writeMono (dir / "b.wav", b);
    writeMono (dir / "c.wav", c);
    for (auto name : { "b.wav", "c.wav" })
    {
        const auto r = align::alignFiles (dir / "guide.wav", dir / name, {});
        INFO (name << " z " << r.peakToSidelobe);
        CHECK (r.confidence < 0.3);
    }
    const auto same = align::alignFiles (dir / "guide.wav", dir / "a.wav", {});
    CHECK (same.confidence > 0.9);
    CHECK (std::abs (same.offsetSamples) <= 1.0);
}

TEST_CASE ("max-offset limits the search", "[align]")
{
    TempDir dir ("align-max");
    const int rate = 48000;
    const auto s = speak (dir.path(), "Keep the line tight and watch the window.", "en-us", 160, rate);
    align::MonoSignal guide { delayed (s.samples, 0.0, rate), rate };
    align::MonoSignal take { delayed (s.samples, 0.75 * rate, rate), rate };
    align::AlignOptions wide;
    CHECK (align::alignSignals (guide, take, wide).offsetSeconds == Approx (0.75).margin (1.0 / rate));
    align::AlignOptions narrow;
    narrow.maxOffsetSeconds = 0.2;
    CHECK (std::abs (align::alignSignals (guide, take, narrow).offsetSeconds) <= 0.2 + 1.0 / rate);
}

TEST_CASE ("a take at 8 kHz (a phone patch) finds its guide", "[align]")
{
    // Each file's mel bands stop where the lower rate must (3.6 kHz here), so band k means the
    // same frequencies in both; with 8 kHz tops on one side only the take read as another line.
    TempDir dir ("align-8k");
    const auto r = alignCase (dir, { 0.4321, 8000, "en-us", 165, "pinknoise" }, "phone");
    INFO ("offset " << r.offsetSeconds << " confidence " << r.confidence);
    CHECK (std::abs (r.offsetSeconds - 0.4321) <= 0.002);
    CHECK (r.confidence > 0.5);
}

TEST_CASE ("a guide with no words in it vouches for no take", "[align]")
{
    // A steady tone (or noise alone) matches any stretch of a take about as well: the path's
    // match is chance, so the confidence stays under the threshold.
    TempDir dir ("align-tone");
    const int rate = 48000;
    const auto take = speak (dir.path(), "Keep the line tight and watch the window.", "en-us", 160, rate);
    align::MonoSignal tone { std::vector<float> ((size_t) (3 * rate)), rate };
    for (size_t i = 0; i < tone.samples.size(); ++i)
        tone.samples[i] = 0.3f * (float) std::sin (2.0 * M_PI * 300.0 * (double) i / rate);
    const auto r = align::alignSignals (tone, take, {});
    CHECK (r.confidence < 0.5);
}
