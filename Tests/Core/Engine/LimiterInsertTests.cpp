// The built-in true-peak limiter as an insert: the delivery normaliser's limiter on a strip.
// Its output's true peak (16x) stays at the ceiling, its look-ahead is compensated by the graph,
// and it runs with no allocation or lock on the audio thread.
#include "EngineFixture.h"
#include "Support/RealtimeGuard.h"
#include "Base/Error.h"
#include "Engine/InsertProcessor.h"
#include "Engine/OfflineRenderer.h"
#include "Loudness/LoudnessAnalysis.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

TEST_CASE ("the limiter insert holds true peak at its ceiling and its latency is compensated", "[engine]")
{
    TempDir dir ("engine-limiter");
    // Hot material: a 997 Hz tone near full scale with pink noise on top (inter-sample peaks).
    const auto tone = makeSource (dir, "tone", 1, 2.0, "sine 997", 0.9);
    const std::int64_t length = 96000;
    MixPlan plan;
    plan.length = length;
    plan.buses.push_back (stem ("DX"));
    plan.buses.push_back (stem ("FX"));
    auto track = [&] (const std::string& id, const std::string& output) { return monoTrack (id, tone, length, output); };
    auto limited = track ("limited", "DX");
    PlanInsert limiter { .id = "tp", .kind = PlanInsert::Kind::limiter };
    limiter.limiter.ceilingDbtp = -1.0;
    // A trim drives the track, +6 dB over a 0.9 sine; the DX stem's limiter (after the pan law's
    // -3 dB) sees about +2 dBTP and must bring it to the ceiling.
    limited.inserts.push_back ({ .id = "drive", .kind = PlanInsert::Kind::trim, .gainDb = 6.0 });
    plan.buses[0].inserts.push_back (limiter);
    auto dry = track ("dry", "FX");   // never limited: only delayed by compensation
    plan.tracks = { limited, dry };

    const int lookahead = makeInsert (limiter, 2, 48000.0)->latency();
    CHECK (lookahead >= 240);   // 5 ms look-ahead plus the detector

    RenderOptions options;
    options.blockSize = 512;
    const auto mix = renderMix (plan, options);
    CHECK (mix.latency == lookahead);

    loudness::AnalysisOptions measure;
    const auto dx = loudness::analyseBuffer (mix.stems[0], measure);
    REQUIRE (dx.truePeakDbtp.has_value());
    INFO ("limited true peak " << *dx.truePeakDbtp << " dBTP");
    CHECK (*dx.truePeakDbtp <= -1.0);
    CHECK (*dx.truePeakDbtp > -1.6);   // it limits, it does not crush

    // The dry twin (FX) came out time-aligned with the limited one: the tone's zero crossings
    // agree sample for sample after the limiter's gain settles.
    const auto& a = mix.stems[0].channels[0];
    const auto& b = mix.stems[1].channels[0];
    int agree = 0, crossings = 0;
    for (size_t i = 48000; i + 1 < (size_t) length; ++i)
        if ((b[i] < 0) != (b[i + 1] < 0))
        {
            ++crossings;
            agree += ((a[i] < 0) != (a[i + 1] < 0)) ? 1 : 0;
        }
    CHECK (crossings > 900);
    CHECK (agree == crossings);
}

TEST_CASE ("the limiter insert processes with no allocation or lock", "[engine]")
{
    PlanInsert plan { .id = "tp", .kind = PlanInsert::Kind::limiter };
    auto insert = makeInsert (plan, 2, 48000.0);
    std::vector<float> l (8192), r (8192);
    for (size_t i = 0; i < l.size(); ++i)
        l[i] = r[i] = 1.5f * (float) std::sin (0.3 * (double) i);
    float* channels[] = { l.data(), r.data() };
    armRealtimeGuard();
    {
        RealtimeScope audioThread;
        for (int block : { 64, 128, 1000, 8192 })
            insert->process (channels, 2, block);
    }
    CHECK (disarmRealtimeGuard().total() == 0);
    CHECK_THROWS_AS (makeInsert ({ .id = "bad", .kind = PlanInsert::Kind::limiter, .limiter = { .ceilingDbtp = 3.0 } }, 2, 48000.0),
                     InputError);
}
