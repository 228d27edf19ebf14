// normalizeFile on peaky material: 44.1/48/96 kHz, mono/stereo/5.1, 16-bit files; every output
// within ±0.1 LU of the target and at or under the ceiling at 16x, same format as the input.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Deliver/Normalizer.h"
#include "PeakySignal.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <random>

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

namespace
{
/** The worst material for a true-peak limiter, 8 s of stereo at `rate`. */
audio::AudioBuffer hardMaterial (const std::string& kind, double rate, unsigned seed)
{
    std::mt19937 rng (seed);
    std::normal_distribution<float> noise (0.0f, 1.0f);
    const auto n = (std::int64_t) (8.0 * rate);
    audio::AudioBuffer b (2, n, rate);
    for (int c = 0; c < 2; ++c)
    {
        auto& x = b.channels[(size_t) c];
        float lp = 0.0f;
        for (std::int64_t i = 0; i < n; ++i)
        {
            lp += 0.1f * (noise (rng) - lp);
            x[(size_t) i] = 0.3f * lp;   // a bed (about -27 LUFS)
        }
        if (kind == "drums")
            // Kick and snare-like hits every 250 ms, driven into hard clipping.
            for (std::int64_t at = (std::int64_t) (0.1 * rate); at + (std::int64_t) (0.1 * rate) < n; at += (std::int64_t) (0.25 * rate))
                for (std::int64_t k = 0; k < (std::int64_t) (0.1 * rate); ++k)
                    x[(size_t) (at + k)] += (float) (2.0 * std::exp (-(double) k / (0.03 * rate)))
                                            * (0.6f * noise (rng) + 0.8f * (float) std::sin (2 * M_PI * 60.0 * (double) k / rate));
        else if (kind == "near-nyquist")
            // 20 to 21.5 kHz bursts (cymbal-like, 20 ms Hann) at 0.8.
            for (std::int64_t at = (std::int64_t) (0.1 * rate), j = 0; at + (std::int64_t) (0.02 * rate) < n; at += (std::int64_t) (0.3 * rate), ++j)
            {
                const double hz = 20000.0 + 500.0 * (double) (j % 4);
                const auto len = (std::int64_t) (0.02 * rate);
                for (std::int64_t k = 0; k < len; ++k)
                    x[(size_t) (at + k)] += (float) (0.8 * (0.5 - 0.5 * std::cos (2 * M_PI * (double) k / (double) len))
                                                     * std::sin (2 * M_PI * hz * (double) k / rate + c));
            }
        else   // "clipped": a loud master, driven 12 dB into the rails
            for (auto& v : x)
                v *= 60.0f;
        for (auto& v : x)
            v = std::clamp (v, -1.0f, 1.0f);
    }
    return b;
}
} // namespace

TEST_CASE ("normalize lands drum-heavy, near-Nyquist and clipped material for every spec", "[deliver][truepeak]")
{
    test::TempDir dir ("normalize-hard");
    unsigned seed = 1;
    for (const std::string kind : { "drums", "near-nyquist", "clipped" })
        for (double rate : { 44100.0, 48000.0 })
        {
            const auto in = dir / (kind + "-" + std::to_string ((int) rate) + ".wav");
            audio::writeAudio (in, hardMaterial (kind, rate, seed++), audio::SampleFormat::int24);
            for (const auto& spec : deliver::allSpecs())
                checkLands (in, dir / "out.wav", spec);
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
