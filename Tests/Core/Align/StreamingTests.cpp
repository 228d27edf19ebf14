// Reading span by span must give exactly what reading whole files gave: the same resampled
// samples (so offsets, warp maps and renders do not change) and the same mono mix.
#include "SpeechFixtures.h"
#include "Align/MonoReader.h"
#include "Align/MonoSource.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::test;

TEST_CASE ("resampled spans are bit-identical to resampling the whole signal", "[align]")
{
    align::MonoSignal signal { {}, 44100 };
    for (int i = 0; i < 100000; ++i)
        signal.samples.push_back ((float) (std::sin (0.013 * i) * 0.5 + std::sin (0.71 * i + 0.2) * 0.25));
    const align::SignalSource source (signal);
    for (const double start : { 0.0, 1234.37, -5000.25 })
    {
        const align::Resampler resampler (44100, 48000, start);
        const auto whole = resampler.process (signal.samples);
        for (const std::int64_t block : { 1, 777, 4096, 65536 })
        {
            std::vector<float> spans (whole.size());
            for (std::int64_t first = 0; first < (std::int64_t) whole.size(); first += block)
                align::readResampled (source, resampler, first,
                                      std::min<std::int64_t> (block, (std::int64_t) whole.size() - first),
                                      spans.data() + first);
            INFO ("start " << start << " block " << block);
            CHECK (spans == whole);
        }
    }
}

TEST_CASE ("a file read span by span mixes to the same mono as readMono", "[align]")
{
    TempDir dir ("align-spans");
    const auto file = dir / "stereo.wav";
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-c", "2", "-b", "24", file.string(), "synth", "3", "pinknoise",
                 "sine", "440" });
    const auto whole = align::readMono (file);
    const align::FileSource source (file);
    CHECK (source.frames() == (std::int64_t) whole.samples.size());
    CHECK (source.sampleRate() == 48000);
    std::vector<float> span (70000);
    for (const std::int64_t start : { (std::int64_t) -1000, (std::int64_t) 0, (std::int64_t) 65530,
                                      (std::int64_t) whole.samples.size() - 500 })
    {
        source.read (start, (std::int64_t) span.size(), span.data());
        bool same = true;
        for (std::int64_t i = 0; i < (std::int64_t) span.size(); ++i)
        {
            const auto k = start + i;
            const float expected = (k >= 0 && k < (std::int64_t) whole.samples.size()) ? whole.samples[(size_t) k] : 0.0f;
            same = same && span[(size_t) i] == expected;
        }
        INFO ("start " << start);
        CHECK (same);
    }
}
