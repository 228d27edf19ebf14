// Session document -> MixPlan: units, routing, inserts, automation, and a render through it.
#include "AudioFile/AudioFileReader.h"
#include "Engine/OfflineRenderer.h"
#include "Mix/SessionToPlan.h"
#include "Session/SessionJson.h"
#include "Support/MediaFactory.h"
#include "Support/SessionBuilder.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::engine;
using loopstage::mix::sessionToPlan;
using namespace loopstage::test;

TEST_CASE ("a session becomes the mix plan the engine renders", "[mix][session]")
{
    TempDir dir ("engine-session");
    const auto file = makeSource (dir, "dialogue", 1, 2.0, "pinknoise", 0.3);

    const auto named = [] (session::Track& t)
    {
        t.name = "Dialogue";
        t.gainDb = -6.0;
    };
    auto s = SessionBuilder (48000)
                 .startTimecode ({ 1, 0, 0, 0 })
                 .track ("dlg", session::TrackKind::dx, 1, [&] (session::Track& dx)
                 {
                     named (dx);
                     dx.sends.push_back ({ .bus = "stem-fx", .levelDb = -10.0, .preFader = true });
                     dx.inserts.push_back ({ .id = "hp", .plugin = "eq", .parameters = { { "bands", { { { "type", "high-pass" }, { "frequency", 80.0 } } } } } });
                     dx.inserts.push_back ({ .id = "lim", .kind = session::Insert::Kind::lv2, .plugin = "urn:x42:dpl" });
                     dx.inserts.push_back ({ .id = "off", .plugin = "trim", .bypass = true, .parameters = { { "gain_db", 12.0 } } });
                     dx.automation.push_back ({ .parameter = session::AutomationLane::Parameter::gain, .points = { { 0.5, -6.0 }, { 1.0, 0.0 } } });
                 })
                 .track ("guide", session::TrackKind::guide, 1, named)
                 .region ("dlg", file, 0.5, 1.0, [] (session::Region& r)
                 {
                     r.id = "r1";
                     r.sourceOffset = 0.25;
                     r.fadeIn = 0.01;
                     r.fadeOut = 0.02;
                     r.fadeOutShape = session::FadeShape::equalPower;
                 })
                 .region ("guide", file, 0.0, 2.0, [] (session::Region& r) { r.id = "r2"; })
                 .build();

    std::vector<std::string> warnings;
    const auto plan = sessionToPlan (s, &warnings);
    CHECK (plan.length == 96000);
    CHECK (plan.timeReference == 3600 * 48000);
    REQUIRE (plan.tracks.size() == 2);
    const auto& t = plan.tracks[0];
    CHECK (t.output == "stem-dx");
    CHECK (t.role == PlanTrack::Role::audio);
    CHECK (plan.tracks[1].role == PlanTrack::Role::guide);
    CHECK (plan.tracks[1].output.empty());
    REQUIRE (t.regions.size() == 1);
    CHECK (t.regions[0].position == 24000);
    CHECK (t.regions[0].sourceStart == 12000);
    CHECK (t.regions[0].length == 48000);
    CHECK (t.regions[0].fadeOut == 960);
    CHECK (t.regions[0].fadeOutShape == FadeShape::equalPower);
    REQUIRE (t.inserts.size() == 1);   // the LV2 one is bypassed (not hosted yet), the bypassed trim left out
    CHECK (t.inserts[0].kind == PlanInsert::Kind::eq);
    CHECK (t.inserts[0].bands.at (0).type == dsp::EqBand::Type::highPass);
    REQUIRE (warnings.size() == 1);
    CHECK_THAT (warnings[0], Catch::Contains ("urn:x42:dpl"));
    CHECK (t.gainAutomation.points.at (1).frame == 48000);
    CHECK (t.sends.at (0).gainDb == -10.0);
    CHECK (plan.master.id == "master");
    REQUIRE (plan.buses.size() == 3);
    CHECK (plan.buses[0].isStem);

    RenderOptions options;
    const auto mix = renderMix (plan, options);
    REQUIRE (mix.stems.size() == 3);
    CHECK (mix.stemNames[0] == "DX");
    float before = 0, during = 0;
    for (size_t i = 0; i < 24000; ++i)
        before = std::max (before, std::abs (mix.stems[0].channels[0][i]));
    for (size_t i = 24000; i < 72000; ++i)
        during = std::max (during, std::abs (mix.stems[0].channels[0][i]));
    CHECK (before == 0.0f);   // the region starts at 0.5 s; the guide track is not routed
    CHECK (during > 0.01f);

    session::Insert unknown { .id = "x", .plugin = "reverb" };
    s.tracks[0].inserts = { unknown };
    CHECK_THROWS_WITH (sessionToPlan (s), Catch::Contains ("reverb") && Catch::Contains ("dlg"));
}

TEST_CASE ("a built-in parameter out of its range names strip, insert, parameter and range", "[mix][session]")
{
    auto s = session::Session::withDefaultStems();
    s.sampleRate = 48000;
    session::Track dx;
    dx.id = "dlg";
    dx.channels = 1;
    dx.kind = session::TrackKind::dx;
    dx.output = s.defaultOutputFor (session::TrackKind::dx);
    s.tracks.push_back (dx);
    auto withInsert = [&] (session::Insert insert)
    {
        auto copy = s;
        copy.tracks[0].inserts = { std::move (insert) };
        return copy;
    };
    CHECK_THROWS_WITH (sessionToPlan (withInsert ({ .id = "c", .plugin = "compressor", .parameters = { { "ratio", 0.5 } } })),
                       "strip 'dlg', insert 'c': parameter 'ratio' must be at least 1, not 0.5");
    CHECK_THROWS_WITH (sessionToPlan (withInsert ({ .id = "l", .plugin = "limiter", .parameters = { { "ceiling_dbtp", 1.0 } } })),
                       "strip 'dlg', insert 'l': parameter 'ceiling_dbtp' must be at least -40 and at most 0 dBTP, not 1");
    CHECK_THROWS_WITH (sessionToPlan (withInsert ({ .id = "e", .plugin = "eq", .parameters = { { "bands", { { { "frequency", 24000.0 } } } } } })),
                       Catch::Contains ("band 1: parameter 'frequency' must be above 0 and below 24000 Hz"));
    CHECK_THROWS_WITH (sessionToPlan (withInsert ({ .id = "d", .plugin = "deesser", .parameters = { { "q", 0.0 } } })),
                       "strip 'dlg', insert 'd': parameter 'q' must be above 0, not 0");
    // The edges of each range, and any level in dB, are still accepted.
    CHECK_NOTHROW (sessionToPlan (withInsert ({ .id = "c", .plugin = "compressor", .parameters = { { "ratio", 1.0 }, { "threshold_db", -90.0 }, { "attack_ms", 0.0 } } })));
    CHECK_NOTHROW (sessionToPlan (withInsert ({ .id = "l", .plugin = "limiter", .parameters = { { "ceiling_dbtp", -40.0 }, { "lookahead_ms", 50.0 } } })));
    CHECK_NOTHROW (sessionToPlan (withInsert ({ .id = "t", .plugin = "trim", .parameters = { { "gain_db", -200.0 } } })));
}

TEST_CASE ("a region's channel map: stored in the session, checked, warned about, given to the engine", "[mix][session][channels]")
{
    TempDir dir ("mix-channel-map");
    const auto stereo = makeSource (dir, "music", 2, 1.0, "pinknoise", 0.3);
    auto s = SessionBuilder (48000)
                 .track ("mono", session::TrackKind::mx, 1)
                 .region ("mono", stereo, 0.0, 1.0, [] (session::Region& r) { r.id = "folded"; r.sourceChannels = 2; })
                 .region ("mono", stereo, 0.0, 1.0, [] (session::Region& r)
                 {
                     r.id = "right";
                     r.sourceChannels = 2;
                     r.channelMap = { 2 };
                 })
                 .build();

    // Folding stereo onto mono is worth a warning; a picked channel is the user's choice.
    std::vector<std::string> warnings;
    const auto plan = sessionToPlan (s, &warnings);
    REQUIRE (warnings.size() == 1);
    CHECK (warnings[0] == "folded: 2-channel file on a 1-channel track: summed to mono at -3 dB (a channel_map picks channels instead)");
    CHECK (plan.tracks[0].regions[0].channelMap.empty());
    CHECK (plan.tracks[0].regions[1].channelMap == std::vector<int> { 1 });   // 0-based in the engine

    // In the file: 1-based channel numbers, null for silence; read back the same.
    auto json = session::toJson (s);
    CHECK (json["regions"][0]["channel_map"] == Json::array());
    CHECK (json["regions"][1]["channel_map"] == Json::array ({ 2 }));
    CHECK (session::fromJson (json, "map.lsession").regions == s.regions);
    json["regions"][1]["channel_map"] = Json::array ({ nullptr });
    CHECK (session::fromJson (json, "map.lsession").regions[1].channelMap == std::vector<int> { 0 });

    // One entry per track channel, channels the file has, numbers from 1.
    json["regions"][1]["channel_map"] = Json::array ({ 1, 2 });
    CHECK_THROWS_WITH (session::fromJson (json, "map.lsession"),
                       Catch::Contains ("regions[1].channel_map") && Catch::Contains ("2 entries for a 1-channel track"));
    json["regions"][1]["channel_map"] = Json::array ({ 3 });
    CHECK_THROWS_WITH (session::fromJson (json, "map.lsession"), Catch::Contains ("picks channel 3 of a 2-channel file"));
    json["regions"][1]["channel_map"] = Json::array ({ 0 });
    CHECK_THROWS_WITH (session::fromJson (json, "map.lsession"), Catch::Contains ("expected a file channel number from 1, or null"));
}
