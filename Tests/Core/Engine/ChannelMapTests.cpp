// A file whose channels differ from its track's (Dsp/ChannelMap.h, docs/SESSION_FORMAT.md
// "Channel maps"): stereo on mono sums at -3 dB or plays the channel picked, mono on stereo is
// dual mono, 5.1 on stereo is the ITU-R BS.775 downmix, mono on 5.1 goes to the centre. Each
// file channel carries its own noise, so a channel in the wrong place cannot pass.
#include "EngineFixture.h"
#include "SourceFiles.h"
#include "Base/Error.h"

#include <catch2/catch.hpp>
#include <random>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

namespace
{
constexpr std::int64_t frames = 9600;
constexpr double minus3dB = 0.70710678118654752440;

std::vector<std::vector<float>> noisePlanes (int channels)
{
    std::mt19937 random (1234);
    std::uniform_real_distribution<float> noise (-0.25f, 0.25f);
    std::vector<std::vector<float>> planes ((size_t) channels, std::vector<float> (frames));
    for (auto& p : planes)
        for (auto& v : p)
            v = noise (random);
    return planes;
}

/** The track (channels `trackChannels`) as its stem hears it: a stem of the same layout at
    pan 0 and unity gain passes it bit for bit. */
std::vector<std::vector<float>> trackSignal (const std::filesystem::path& file, int trackChannels, std::vector<int> map = {})
{
    MixPlan plan;
    plan.length = frames;
    PlanTrack t;
    t.id = "t";
    t.channels = trackChannels;
    t.output = "S";
    t.regions.push_back ({ .file = file, .position = 0, .sourceStart = 0, .length = frames, .channelMap = std::move (map) });
    plan.tracks.push_back (t);
    plan.buses.push_back (stem ("S", trackChannels));
    return renderMix (plan, {}).stems[0].channels;
}

/** sum over terms of in[f] * (float) g, in file-channel order from 0 + the first: the float
    the playlist computes. */
std::vector<float> mixOf (const std::vector<std::vector<float>>& in, const std::vector<std::pair<int, double>>& terms)
{
    std::vector<float> out (frames, 0.0f);
    for (size_t i = 0; i < out.size(); ++i)
    {
        float v = 0.0f;
        for (auto [f, g] : terms)
            v += in[(size_t) f][i] * (float) g;
        out[i] = v;
    }
    return out;
}
} // namespace

TEST_CASE ("stereo on a mono track: summed at -3 dB, or the channel the map picks", "[engine][channels]")
{
    TempDir dir ("engine-map-stereo");
    const auto planes = noisePlanes (2);
    const auto file = writeSource (dir, "stereo", 48000, planes);
    CHECK (trackSignal (file, 1)[0] == mixOf (planes, { { 0, minus3dB }, { 1, minus3dB } }));
    CHECK (trackSignal (file, 1, { 1 })[0] == planes[1]);
    CHECK (trackSignal (file, 1, { 0 })[0] == planes[0]);
    // A track channel mapped to nothing is silent.
    CHECK (trackSignal (file, 1, { -1 })[0] == std::vector<float> (frames, 0.0f));
}

TEST_CASE ("mono on a stereo track plays in both channels at unity; on 5.1, in the centre", "[engine][channels]")
{
    TempDir dir ("engine-map-mono");
    const auto planes = noisePlanes (1);
    const auto file = writeSource (dir, "mono", 48000, planes);
    const auto stereo = trackSignal (file, 2);
    CHECK (stereo[0] == planes[0]);
    CHECK (stereo[1] == planes[0]);
    const auto surround = trackSignal (file, 6);
    const std::vector<float> silence (frames, 0.0f);
    for (int c = 0; c < 6; ++c)
        CHECK (surround[(size_t) c] == (c == 2 ? planes[0] : silence));
    // The map can put it left only.
    const auto left = trackSignal (file, 2, { 0, -1 });
    CHECK (left[0] == planes[0]);
    CHECK (left[1] == silence);
}

TEST_CASE ("5.1 on a stereo track is the ITU-R BS.775 downmix, LFE dropped", "[engine][channels]")
{
    TempDir dir ("engine-map-surround");
    const auto planes = noisePlanes (6);   // L R C LFE Ls Rs
    const auto file = writeSource (dir, "surround", 48000, planes);
    const auto stereo = trackSignal (file, 2);
    CHECK (stereo[0] == mixOf (planes, { { 0, 1.0 }, { 2, minus3dB }, { 4, minus3dB } }));
    CHECK (stereo[1] == mixOf (planes, { { 1, 1.0 }, { 2, minus3dB }, { 5, minus3dB } }));
    // On mono: that downmix summed at -3 dB (the centre at unity).
    const auto mono = trackSignal (file, 1);
    CHECK (mono[0] == mixOf (planes, { { 0, minus3dB }, { 1, minus3dB }, { 2, 1.0 }, { 4, 0.5 }, { 5, 0.5 } }));
    // Stereo on 5.1: L and R in place, the rest silent.
    const auto front = writeSource (dir, "front", 48000, noisePlanes (2));
    const auto spread = trackSignal (front, 6);
    CHECK (spread[0] == noisePlanes (2)[0]);
    CHECK (spread[1] == noisePlanes (2)[1]);
    CHECK (spread[2] == std::vector<float> (frames, 0.0f));
}

TEST_CASE ("a channel map that does not fit names the file", "[engine][channels]")
{
    TempDir dir ("engine-map-bad");
    const auto file = writeSource (dir, "stereo", 48000, noisePlanes (2));
    CHECK_THROWS_WITH (trackSignal (file, 1, { 2 }), file.string() + ": channel map picks channel 3 of a 2-channel file");
    CHECK_THROWS_WITH (trackSignal (file, 2, { 0 }), Catch::Contains (file.string()) && Catch::Contains ("1 entries for a 2-channel track"));
}
