// Solo in place with solo-safe strips routed through buses and stems: soloing silences what is
// not soloed, not solo-safe and not needed to carry either to the master, as on a console.
// Each expectation is the same mix rendered with only the strips that should be heard.
#include "EngineFixture.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

namespace
{
constexpr std::int64_t length = 24000;

PlanTrack track (const std::string& id, const std::filesystem::path& file, const std::string& output)
{
    return monoTrack (id, file, length, output);
}

PlanBus bus (const std::string& id, const std::string& output)
{
    PlanBus b;
    b.id = id;
    b.channels = 2;
    b.output = output;
    return b;
}

/** Dialogue straight to DX; a music track through a music bus ("mxsub") into MX; an effects
    track into MX; a reverb return fed by sends, into FX. */
MixPlan console (const TempDir& dir)
{
    MixPlan plan;
    plan.length = length;
    const auto dlg = makeSource (dir, "dlg", 1, 0.5, "pinknoise", 0.3);
    const auto music = makeSource (dir, "music", 1, 0.5, "sine 440", 0.3);
    const auto door = makeSource (dir, "door", 1, 0.5, "brownnoise", 0.3);
    auto dx = track ("dlg", dlg, "DX");
    dx.sends.push_back ({ .bus = "verb", .gainDb = -6.0 });
    auto mx = track ("music", music, "mxsub");
    mx.sends.push_back ({ .bus = "verb", .gainDb = -10.0 });
    plan.tracks = { dx, mx, track ("door", door, "MX") };
    auto verb = bus ("verb", "FX");
    verb.inserts.push_back ({ .id = "predelay", .kind = PlanInsert::Kind::delay, .samples = 240 });
    plan.buses = { bus ("mxsub", "MX"), verb, stem ("DX"), stem ("FX"), stem ("MX") };
    return plan;
}

PlanTrack& strip (MixPlan& plan, const std::string& id)
{
    for (auto& t : plan.tracks)
        if (t.id == id)
            return t;
    FAIL ("no track " << id);
    return plan.tracks[0];
}

void checkSameMix (const RenderedMix& a, const RenderedMix& b)
{
    REQUIRE (a.stems.size() == b.stems.size());
    for (size_t s = 0; s < a.stems.size(); ++s)
    {
        CAPTURE (a.stemNames[s]);
        CHECK (a.stems[s].channels == b.stems[s].channels);
    }
    CHECK (a.printmaster.channels == b.printmaster.channels);
}

float peak (const audio::AudioBuffer& b)
{
    float p = 0.0f;
    for (auto& ch : b.channels)
        for (float v : ch)
            p = std::max (p, std::abs (v));
    return p;
}
} // namespace

TEST_CASE ("a solo-safe track stays audible through the bus and stem that carry it", "[engine][solo]")
{
    TempDir dir ("engine-solo-safe");
    auto plan = console (dir);
    strip (plan, "dlg").solo = true;
    strip (plan, "music").soloSafe = true;
    const auto mix = renderMix (plan, {});

    // Heard: dialogue (and its reverb send), music through mxsub into MX (and its send); the
    // door, which shares the MX stem with the music, is silenced.
    auto expected = console (dir);
    expected.tracks.erase (expected.tracks.begin() + 2);
    checkSameMix (mix, renderMix (expected, {}));
    CHECK (peak (mix.stems[2]) > 0.05f);   // MX: the solo-safe music, not silence
}

TEST_CASE ("solo-safe alone, soloed buses and solo-safe returns follow console solo in place", "[engine][solo]")
{
    TempDir dir ("engine-solo-routes");

    SECTION ("soloing the music bus plays what feeds it, not its neighbours on the stem")
    {
        auto plan = console (dir);
        plan.buses[0].solo = true;   // mxsub
        auto expected = console (dir);
        expected.tracks = { expected.tracks[1] };   // the music alone...
        expected.tracks[0].sends.clear();           // ...without its send: the reverb is not soloed
        checkSameMix (renderMix (plan, {}), renderMix (expected, {}));
    }

    SECTION ("a solo-safe reverb return stays open; the sends into it follow the solo")
    {
        auto plan = console (dir);
        strip (plan, "door").solo = true;
        plan.buses[1].soloSafe = true;   // verb
        strip (plan, "music").soloSafe = false;
        // The door plays; dialogue and music are silenced with their sends, so the open return
        // carries nothing: the same as the door alone.
        auto expected = console (dir);
        expected.tracks = { expected.tracks[2] };
        checkSameMix (renderMix (plan, {}), renderMix (expected, {}));
    }

    SECTION ("a solo-safe track soloed against a track on its own stem")
    {
        auto plan = console (dir);
        strip (plan, "door").solo = true;
        strip (plan, "dlg").soloSafe = true;   // into DX, which nothing soloed feeds
        auto expected = console (dir);
        expected.tracks = { expected.tracks[0], expected.tracks[2] };
        checkSameMix (renderMix (plan, {}), renderMix (expected, {}));
    }
}
