// Node state carries across snapshot rebuilds by stable id; meters read lock-free.
#include "EngineFixture.h"
#include "Engine/GraphCompiler.h"
#include "Engine/OfflineRenderer.h"
#include "Engine/Player.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

TEST_CASE ("an edit keeps the state of untouched nodes (delay lines, playlists)", "[engine]")
{
    TempDir dir ("engine-state");
    auto plan = richPlan (dir, 6, 1.0);
    RenderOptions options;
    options.blockSize = 256;
    const auto reference = renderMix (plan, options);

    // The same render, but the graph is rebuilt every 10 blocks with a fader move on track 4 only
    // (5.1, routed to MX): DX, which holds track 1's 65-sample delay insert, must not change.
    auto streamer = DiskStreamer::direct();
    auto graph = compileGraph (plan, 256, *streamer, nullptr, false);
    const auto latency = graph->nodes[(size_t) graph->stems[0]]->latency;
    std::vector<float> dx;
    int block = 0;
    for (std::int64_t frame = 0; frame < plan.length + latency; frame += 256, ++block)
    {
        if (block % 10 == 9)
        {
            auto edited = plan;
            edited.tracks[4].gainDb = -(block % 7);
            auto next = compileGraph (edited, 256, *streamer, graph.get(), false);
            REQUIRE (next->latency() == graph->latency());
            graph = std::move (next);
        }
        streamer->prepareForBlock();
        graph->processBlock (frame, 256, nullptr);
        streamer->rethrowReadError();
        const float* left = graph->nodes[(size_t) graph->stems[0]]->output()[0];
        dx.insert (dx.end(), left, left + 256);
    }
    for (size_t i = 0; i < (size_t) plan.length; ++i)
        REQUIRE (dx[i + (size_t) latency] == reference.stems[0].channels[0][i]);
}

TEST_CASE ("meters: momentary loudness and peaks, read lock-free by strip id", "[engine]")
{
    TempDir dir ("engine-meter");
    // EBU Tech 3341 case 1: a stereo 1 kHz sine peaking at -23 dBFS reads -23.0 LUFS.
    const auto file = makeSource (dir, "sine", 2, 2.0, "sine 1000", std::pow (10.0, -23.0 / 20.0));
    MixPlan plan;
    plan.length = 96000;
    PlanTrack t;
    t.id = "music";
    t.channels = 2;
    t.output = "MX";
    t.regions.push_back ({ .file = file, .position = 0, .sourceStart = 0, .length = 96000 });
    plan.tracks.push_back (t);
    plan.buses.push_back (stem ("MX"));

    PlayerOptions options;
    options.maxBlock = 512;
    Player player (options);
    player.setPlan (plan);
    player.preroll (0);
    player.play();
    std::vector<float> l (512), r (512);
    float* out[2] = { l.data(), r.data() };
    for (int b = 0; b < 90; ++b)
        player.process (out, 2, 512);

    auto meter = player.meter ("music");
    REQUIRE (meter != nullptr);
    CHECK (meter->momentaryLufs() == Approx (-23.0).margin (0.1));
    CHECK (20 * std::log10 (meter->takePeak (0)) == Approx (-23.0).margin (0.05));
    CHECK (meter->takePeak (0) == 0.0f);   // taken: reset until the next block
    CHECK (player.meter ("master") != nullptr);
    CHECK (player.meter ("nothing") == nullptr);
}
