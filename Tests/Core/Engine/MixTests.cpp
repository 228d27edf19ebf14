// The mix semantics against analytic expectations: pan law, automation, polarity, mute, solo,
// sends, plug-in delay compensation, printmaster = stems through the master.
#include "EngineFixture.h"
#include "AudioFile/AudioFileReader.h"
#include "Engine/OfflineRenderer.h"
#include "Engine/PanLaw.h"
#include "Engine/StripNode.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

namespace
{
MixPlan simplePlan (std::int64_t length)
{
    MixPlan plan;
    plan.length = length;
    plan.buses.push_back (stem ("DX"));
    return plan;
}

RenderOptions singleThread (int block = 512)
{
    RenderOptions o;
    o.blockSize = block;
    return o;
}
} // namespace

TEST_CASE ("pan law: constant power, -3 dB at centre, documented 5.1 panner", "[engine]")
{
    auto centre = panMatrix (1, 2, 0.0, 1.0);
    CHECK (centre.gain[0][0] == Approx (std::sqrt (0.5)).epsilon (1e-7));
    CHECK (centre.gain[1][0] == Approx (std::sqrt (0.5)).epsilon (1e-7));
    CHECK (20 * std::log10 (centre.gain[0][0]) == Approx (-3.0103).margin (1e-3));
    for (double p = -1.0; p <= 1.0; p += 0.125)
    {
        auto m = panMatrix (1, 2, p, 1.0);
        CHECK (m.gain[0][0] * m.gain[0][0] + m.gain[1][0] * m.gain[1][0] == Approx (1.0).epsilon (1e-6));
        for (double y = -1.0; y <= 1.0; y += 0.5)
        {
            auto s = panMatrix (1, 6, p, y);
            double power = 0;
            for (int c = 0; c < 6; ++c)
                power += s.gain[c][0] * s.gain[c][0];
            CHECK (power == Approx (1.0).epsilon (1e-6));
            CHECK (s.gain[3][0] == 0.0f);   // LFE gets nothing
        }
    }
    auto hardLeft = panMatrix (1, 2, -1.0, 1.0);
    CHECK (hardLeft.gain[0][0] == 1.0f);
    CHECK (std::abs (hardLeft.gain[1][0]) < 1e-7f);
    auto frontCentre = panMatrix (1, 6, 0.0, 1.0);
    CHECK (frontCentre.gain[2][0] == Approx (1.0));
    auto balance = panMatrix (2, 2, 0.0, 1.0);
    CHECK (balance.identity);
    auto balanceLeft = panMatrix (2, 2, -1.0, 1.0);
    CHECK (balanceLeft.gain[0][0] == 1.0f);
    CHECK (std::abs (balanceLeft.gain[1][1]) < 1e-7f);
    auto downmix = panMatrix (6, 2, 0.0, 1.0);
    CHECK (downmix.gain[0][2] == Approx (std::sqrt (0.5)));
    CHECK (downmix.gain[0][3] == 0.0f);
}

TEST_CASE ("sample-accurate gain and pan automation match the analytic ramp", "[engine]")
{
    TempDir dir ("engine-automation");
    const auto file = makeSource (dir, "noise", 1, 1.0, "pinknoise", 0.5);
    const auto source = audio::readAudio (file);
    const std::int64_t length = 48000;

    auto plan = simplePlan (length);
    auto t = monoTrack ("dialogue", file, length, "DX");
    t.gainAutomation.points = { { 1003, -20.0 }, { 20011, 0.0 }, { 30000, 6.0 }, { 30000, -6.0 } };
    t.panAutomation.points = { { 0, -1.0 }, { 47999, 1.0 } };
    plan.tracks.push_back (t);

    for (int block : { 64, 1000 })
    {
        auto mix = renderMix (plan, singleThread (block));
        const auto& dx = mix.stems.at (0);
        double worst = 0;
        for (std::int64_t i = 0; i < length; ++i)
        {
            // Independent formula: linear ramp in dB between breakpoints, held outside.
            double db;
            if (i < 1003)
                db = -20.0;
            else if (i < 20011)
                db = -20.0 + 20.0 * (double) (i - 1003) / (20011 - 1003);
            else if (i < 30000)
                db = 6.0 * (double) (i - 20011) / (30000 - 20011);
            else
                db = -6.0;
            const double pan = -1.0 + 2.0 * (double) i / 47999.0;
            const double theta = (pan + 1.0) * M_PI / 4.0;
            const double x = source.channels[0][(size_t) i] * std::pow (10.0, db / 20.0);
            worst = std::max (worst, std::abs (dx.channels[0][(size_t) i] - x * std::cos (theta)));
            worst = std::max (worst, std::abs (dx.channels[1][(size_t) i] - x * std::sin (theta)));
        }
        INFO ("block " << block);
        CHECK (worst < 2e-7);   // float rounding of a signal below 1.0 (a few ULPs)
    }
}

TEST_CASE ("polarity, mute, mute automation and solo semantics", "[engine]")
{
    TempDir dir ("engine-solo");
    const auto file = makeSource (dir, "noise", 1, 0.5, "whitenoise", 0.5);
    const std::int64_t length = 24000;

    SECTION ("polarity inversion nulls against the dry twin")
    {
        auto plan = simplePlan (length);
        plan.tracks.push_back (monoTrack ("a", file, length, "DX"));
        auto b = monoTrack ("b", file, length, "DX");
        b.polarityInvert = true;
        plan.tracks.push_back (b);
        auto mix = renderMix (plan, singleThread());
        for (auto& ch : mix.stems[0].channels)
            for (float v : ch)
                REQUIRE (v == 0.0f);
    }

    SECTION ("mute automation silences exactly the muted samples")
    {
        auto plan = simplePlan (length);
        auto a = monoTrack ("a", file, length, "DX");
        a.muteAutomation.points = { { 1000, 0.0 }, { 1000, 1.0 }, { 2000, 1.0 }, { 2000, 0.0 } };
        plan.tracks.push_back (a);
        auto mix = renderMix (plan, singleThread (128));
        const auto& l = mix.stems[0].channels[0];
        CHECK (l[999] != 0.0f);
        for (size_t i = 1000; i < 2000; ++i)
            REQUIRE (l[i] == 0.0f);
        CHECK (l[2000] != 0.0f);
    }

    SECTION ("solo silences the rest except solo-safe strips and what the solo feeds")
    {
        auto plan = simplePlan (length);
        plan.buses.push_back (stem ("FX"));
        PlanBus bus;
        bus.id = "bus";
        bus.channels = 2;
        bus.output = "FX";
        plan.buses.insert (plan.buses.begin(), bus);
        auto a = monoTrack ("a", file, length, "DX");
        a.solo = true;
        auto b = monoTrack ("b", file, length, "DX");
        auto c = monoTrack ("c", file, length, "DX");
        c.soloSafe = true;
        auto d = monoTrack ("d", file, length, "FX");
        a.sends.push_back ({ .bus = "bus", .gainDb = 0.0 });
        plan.tracks = { a, b, c, d };

        auto mix = renderMix (plan, singleThread());
        // DX = a + c (b muted by the solo); FX = the bus fed by a's send (d muted).
        auto only = plan;
        only.tracks = { a, c };
        only.tracks[0].solo = false;
        only.tracks[1].soloSafe = false;
        auto expected = renderMix (only, singleThread());
        CHECK (mix.stems[0].channels == expected.stems[0].channels);
        CHECK (mix.stems[1].channels == expected.stems[1].channels);
        float fxPeak = 0;
        for (float v : mix.stems[1].channels[0])
            fxPeak = std::max (fxPeak, std::abs (v));
        CHECK (fxPeak > 0.1f);
    }
}

TEST_CASE ("sends: pre-fader ignores the fader, post-fader follows it", "[engine]")
{
    TempDir dir ("engine-sends");
    const auto file = makeSource (dir, "noise", 1, 0.5, "pinknoise", 0.5);
    const std::int64_t length = 24000;
    auto plan = simplePlan (length);
    plan.buses.push_back (stem ("FX"));
    plan.buses.push_back (stem ("MX"));
    auto a = monoTrack ("a", file, length, "");
    a.gainDb = -12.0;
    a.sends.push_back ({ .bus = "FX", .gainDb = 0.0, .preFader = true });
    a.sends.push_back ({ .bus = "MX", .gainDb = 0.0, .preFader = false });
    plan.tracks.push_back (a);
    auto mix = renderMix (plan, singleThread());
    const auto source = audio::readAudio (file);
    for (size_t i = 0; i < (size_t) length; i += 997)
    {
        const double x = source.channels[0][i] * std::sqrt (0.5);
        CHECK (mix.stems[1].channels[0][i] == Approx (x).margin (1e-7));
        CHECK (mix.stems[2].channels[0][i] == Approx (x * std::pow (10.0, -12.0 / 20.0)).margin (1e-7));
    }
}

TEST_CASE ("plug-in delay compensation aligns a delayed track with its dry twin to 0 samples", "[engine]")
{
    TempDir dir ("engine-pdc");
    const auto file = makeSource (dir, "noise", 1, 0.5, "pinknoise", 0.5);
    const std::int64_t length = 24000;
    auto plan = simplePlan (length);
    plan.buses.push_back (stem ("FX"));
    PlanBus nullBus;
    nullBus.id = "null";
    nullBus.channels = 1;
    nullBus.isStem = true;
    nullBus.output = "master";
    plan.buses.push_back (nullBus);

    auto wet = monoTrack ("wet", file, length, "DX");
    wet.inserts.push_back ({ .id = "lookahead", .kind = PlanInsert::Kind::delay, .samples = 1234 });
    wet.sends.push_back ({ .bus = "null", .gainDb = 0.0 });
    auto dry = monoTrack ("dry", file, length, "FX");
    dry.polarityInvert = true;
    dry.sends.push_back ({ .bus = "null", .gainDb = 0.0 });
    plan.tracks = { wet, dry };

    auto mix = renderMix (plan, singleThread (300));
    CHECK (mix.latency == 1234);
    // DX (delayed, compensated in the output) equals FX (dry, inverted) with opposite sign...
    const auto& dx = mix.stems[0].channels;
    const auto& fx = mix.stems[1].channels;
    float peak = 0;
    for (size_t i = 0; i < (size_t) length; ++i)
    {
        REQUIRE (dx[0][i] == -fx[0][i]);
        peak = std::max (peak, std::abs (dx[0][i]));
    }
    CHECK (peak > 0.1f);
    // ...and the two summed on one bus null exactly: aligned to 0 samples inside the graph.
    for (float v : mix.stems[2].channels[0])
        REQUIRE (v == 0.0f);
}

TEST_CASE ("printmaster equals the stems summed through the master", "[engine]")
{
    TempDir dir ("engine-printmaster");
    auto plan = richPlan (dir, 8, 2.0);
    auto mix = renderMix (plan, singleThread (256));
    REQUIRE (mix.stems.size() == 3);
    const float g = decibelsToGain (plan.master.gainDb);
    for (int c = 0; c < 2; ++c)
        for (size_t i = 0; i < (size_t) plan.length; ++i)
        {
            // The master sums its inputs in plan order (DX, FX, MX) then applies its fader.
            float sum = 0.0f;
            for (auto& s : mix.stems)
                sum += s.channels[(size_t) c][i];
            REQUIRE (mix.printmaster.channels[(size_t) c][i] == sum * g);
        }

    SECTION ("through float files: exact; through 24-bit files: within 3 LSB")
    {
        for (auto format : { audio::SampleFormat::float32, audio::SampleFormat::int24 })
        {
            auto options = singleThread (1024);
            options.format = format;
            const auto out = dir / (format == audio::SampleFormat::int24 ? "out24" : "outf");
            auto report = renderToFolder (plan, out, options);
            REQUIRE (report.files.size() == 4);
            std::vector<audio::AudioBuffer> stems;
            for (int s = 0; s < 3; ++s)
                stems.push_back (audio::readAudio (report.files[(size_t) s].file));
            const auto pm = audio::readAudio (report.files[3].file);
            REQUIRE (pm.numFrames() == plan.length);
            for (auto& f : report.files)
                REQUIRE (f.peakDbfs.value_or (-200.0) < 0.0);   // no clipping in integer files
            double worst = 0;
            for (int c = 0; c < 2; ++c)
                for (size_t i = 0; i < (size_t) plan.length; ++i)
                {
                    float sum = 0.0f;
                    for (auto& s : stems)
                        sum += s.channels[(size_t) c][i];
                    worst = std::max (worst, (double) std::abs (pm.channels[(size_t) c][i] - sum * g));
                }
            const double lsb = 1.0 / 8388608.0;
            if (format == audio::SampleFormat::float32)
                CHECK (worst == 0.0);
            else // four files each rounded (<= 0.5 LSB) + libsndfile's 2^23-1 write scale (<= 1 LSB)
                CHECK (worst <= 3.0 * lsb);
        }
    }
}

TEST_CASE ("bad plans are refused with a message naming the strip", "[engine]")
{
    TempDir dir ("engine-bad");
    const auto file = makeSource (dir, "noise", 1, 0.1, "pinknoise");
    auto plan = simplePlan (4800);
    plan.tracks.push_back (monoTrack ("a", file, 4800, "nowhere"));
    CHECK_THROWS_WITH (renderMix (plan, singleThread()), Catch::Contains ("'a'") && Catch::Contains ("nowhere"));

    plan.tracks[0].output = "DX";
    plan.buses[0].output = "DX";
    CHECK_THROWS_WITH (renderMix (plan, singleThread()), Catch::Contains ("loop"));

    plan.buses[0].output = "master";
    plan.tracks[0].regions[0].length = 999999;
    CHECK_THROWS_WITH (renderMix (plan, singleThread()), Catch::Contains ("noise.wav"));

    plan.tracks[0].regions[0].length = 4800;
    plan.tracks[0].regions[0].file = dir / "missing.wav";
    CHECK_THROWS_WITH (renderMix (plan, singleThread()), Catch::Contains ("missing.wav"));
}
