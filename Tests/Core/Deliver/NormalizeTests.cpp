// normalizeFile on peaky material: 44.1/48/96 kHz, mono/stereo/5.1, 16-bit files; every output
// within ±0.1 LU of the target and at or under the ceiling at 16x, same format as the input.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Deliver/Normalizer.h"
#include "PeakySignal.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>

using namespace loopstage;

namespace
{
void checkLands (const std::filesystem::path& in, const std::filesystem::path& out, const deliver::DeliverySpec& spec)
{
    const auto r = deliver::normalizeFile (in, out, spec);
    INFO (in.filename() << " → " << spec.name << ": gain " << r.gainDb << " limiter " << r.limiterMaxReductionDb
                        << " passes " << r.passes);
    REQUIRE (r.outputReading.lufs);
    CHECK (*r.outputReading.lufs == Approx (r.outputReading.targetLufs).margin (0.1));
    REQUIRE (r.output.truePeakDbtp);
    CHECK (*r.output.truePeakDbtp <= spec.ceilingDbtp);
    CHECK (r.compliant);

    // Independent re-measure at 16x, and the format is kept.
    loudness::AnalysisOptions o;
    const auto again = loudness::analyseFile (out, o);
    CHECK (*again.truePeakDbtp <= spec.ceilingDbtp);
    const auto a = audio::probeAudio (in), b = audio::probeAudio (out);
    CHECK (a.sampleRate == b.sampleRate);
    CHECK (a.channels == b.channels);
    CHECK (a.format == b.format);
    CHECK (a.frames == b.frames);
}
} // namespace

TEST_CASE ("normalize lands peaky material on target under the ceiling (rates, layouts, 16-bit)", "[deliver]")
{
    test::TempDir dir ("normalize");
    struct Case
    {
        double rate;
        int channels;
        const char* spec;
    };
    for (auto c : { Case { 44100, 1, "spotify" }, Case { 48000, 2, "apple-podcasts" }, Case { 96000, 6, "ebu-r128" },
                    Case { 48000, 2, "spotify" }, Case { 44100, 2, "atsc-a85" } })
    {
        const auto in = dir / ("in-" + std::to_string ((int) c.rate) + "-" + std::to_string (c.channels) + ".wav");
        audio::writeAudio (in, test::peakySignal (c.rate, c.channels, 6.0), audio::SampleFormat::int16);
        checkLands (in, dir / "out.wav", deliver::findSpec (c.spec));
    }
}

TEST_CASE ("normalize with a custom target and ceiling, 24-bit", "[deliver]")
{
    test::TempDir dir ("normalize");
    const auto in = dir / "in.wav";
    audio::writeAudio (in, test::peakySignal (48000, 2, 6.0, 5), audio::SampleFormat::int24);
    auto spec = deliver::findSpec ("ebu-r128");
    spec.targetLufs = -12.0;
    spec.ceilingDbtp = -0.5;
    checkLands (in, dir / "out.wav", spec);
}

TEST_CASE ("normalize refuses silence", "[deliver]")
{
    test::TempDir dir ("normalize");
    const auto in = dir / "silence.wav";
    audio::writeAudio (in, audio::AudioBuffer (2, 48000 * 2, 48000), audio::SampleFormat::int16);
    CHECK_THROWS_AS (deliver::normalizeFile (in, dir / "out.wav", deliver::findSpec ("ebu-r128")), InputError);
    CHECK_FALSE (std::filesystem::exists (dir / "out.wav"));
}

TEST_CASE ("netflix normalises dialogue-gated, or programme at -24 without speech", "[deliver]")
{
    test::TempDir dir ("normalize");
    const auto tone = dir / "tone.wav";
    audio::AudioBuffer b (2, 48000 * 6, 48000);
    for (auto& ch : b.channels)
        for (size_t i = 0; i < ch.size(); ++i)
            ch[i] = (float) (0.3 * std::sin (2.0 * M_PI * 440.0 * (double) i / 48000.0));
    audio::writeAudio (tone, b, audio::SampleFormat::int24);
    const auto spec = deliver::findSpec ("netflix");
    const auto r = deliver::normalizeFile (tone, dir / "out.wav", spec);
    CHECK_FALSE (r.outputReading.dialogue);
    CHECK (r.outputReading.targetLufs == -24.0);
    CHECK (*r.outputReading.lufs == Approx (-24.0).margin (0.1));
    CHECK (*r.output.truePeakDbtp <= -2.0);
}
