#include "Fixtures.h"
#include "Support/SessionBuilder.h"

namespace loopstage::test
{
using namespace loopstage::session;
session::Session fullSession (const std::filesystem::path& folder)
{
    // Names and outputs are spelled out although the builder's defaults match: this session is
    // the reference for every field's round trip.
    auto builder = SessionBuilder (48000.0)
        .name ("Reel 1 – \"The Pier\"")
        .frameRate ("23.976")
        .startTimecode ({ 1, 0, 0, 0 })
        .delivery ({ "netflix", "world", { "svod", "broadcast" } })
        .with ([&] (Session& s)
        {
            s.picture = Picture { folder / "picture" / "reel1.mov", timecode::FrameRate::parse ("23.976"), { 0, 59, 58, 0 } };
            s.master.gainDb = -0.5;
            s.master.inserts.push_back ({ "lim", Insert::Kind::vst3, "0123456789ABCDEF0123456789ABCDEF", "Limiter", false, "", Json::object() });
        })
        .bus ("bus-verb", 6, "stem-fx", [] (Bus& reverb)
        {
            reverb.name = "Verb";
            reverb.gainDb = -3.5;
            reverb.panFrontBack = -0.25;
            reverb.inserts.push_back ({ "ins-1", Insert::Kind::lv2, "http://calf.sourceforge.net/plugins/Reverb", "Calf Reverb", true,
                                        "AAECAwQ=", Json::object() });
        })
        .track ("track-1", TrackKind::dx, 1, [] (Track& dx)
        {
            dx.name = "DX 1";
            dx.gainDb = -2.25;
            dx.pan = 0.5;
            dx.mute = true;
            dx.solo = true;
            dx.soloSafe = true;
            dx.polarityInvert = true;
            dx.output = "stem-dx";
            dx.sends.push_back ({ "bus-verb", -12.0, true });
            dx.inserts.push_back ({ "eq-1", Insert::Kind::builtin, "eq", "Dialogue EQ", false, "",
                                    Json { { "bands", Json::array ({ Json { { "type", "highpass" }, { "frequency", 80.0 } } }) } } });
            dx.inserts.push_back ({ "comp", Insert::Kind::builtin, "compressor", "", false, "", Json { { "ratio", 3.0 } } });
            dx.automation.push_back ({ AutomationLane::Parameter::gain, { { 0.0, 0.0 }, { 1.5, -6.0 }, { 3.0, 0.0 } } });
            dx.automation.push_back ({ AutomationLane::Parameter::pan, { { 2.0, -1.0 } } });
            dx.automation.push_back ({ AutomationLane::Parameter::mute, { { 4.0, 1.0 }, { 5.0, 0.0 } } });
        })
        .track ("track-2", TrackKind::mx, 6, [] (Track& mx)
        {
            mx.name = "MX";
            mx.output = "stem-mx";
        })
        .track ("track-3", TrackKind::guide, 2, [] (Track& guide)
        {
            guide.name = "Guide";
            guide.output = "";
        })
        .track ("track-4", TrackKind::adr, 1, [] (Track& adr)
        {
            adr.name = "ADR";
            adr.output = "stem-dx";
        });

    MusicCue cue;
    cue.id = "1M01";
    cue.title = "Pier at Dawn";
    cue.composer = "A. Composer";
    cue.publisher = "Harbour Music Ltd";
    cue.licence = LicenceType::library;
    cue.licenceId = "LIB-2026-0042";
    cue.territories = { "GB", "FR" };
    cue.termStart = "2026-01-01";
    cue.termEnd = "2031-12-31";
    cue.media = { "broadcast", "svod" };
    cue.usage = "background";
    cue.notes = "cleared for trailers too";
    builder.music (cue)
        .region ("track-1", folder / "audio" / "dx1.wav", 10.5, 4.0, [] (Region& r1)
        {
            r1.id = "region-1";
            r1.sourceOffset = 0.125;
            r1.gainDb = 1.5;
            r1.fadeIn = 0.01;
            r1.fadeOut = 0.5;
            r1.fadeInShape = FadeShape::equalPower;
            r1.fadeOutShape = FadeShape::linear;
            r1.sourceSampleRate = 44100.0;
            r1.sourceChannels = 1;
        })
        // Outside the session folder: stays absolute.
        .region ("track-2", "/srv/library/pier.wav", 0.0, 30.0, [] (Region& r2)
        {
            r2.id = "region-2";
            r2.musicCue = "1M01";
        })
        .region ("track-4", folder / "adr" / "101_t2.wav", 12.0, 2.0, [] (Region& r3) { r3.id = "region-3"; });
    auto s = builder.build();

    AdrCue c;
    c.id = "101";
    c.character = "MAYA";
    c.line = "Did you hear that? – it came from the pier.";
    c.in = { 1, 0, 12, 0 };
    c.out = { 1, 0, 14, 12 };
    c.track = "track-4";
    c.notes = "breathier";
    Take t1;
    t1.id = "take-1";
    t1.file = folder / "adr" / "101_t1.wav";
    t1.number = 1;
    t1.rating = 2;
    s.adrCues.push_back (c);
    Take t2;
    t2.id = "take-2";
    t2.file = folder / "adr" / "101_t2.wav";
    t2.number = 2;
    t2.rating = 5;
    t2.circled = true;
    t2.offset = 0.5123;
    t2.warp = { { 0.0, 0.5123 }, { 1.2, 1.74 }, { 2.0, 2.49 } };
    t2.syncScore = SyncScore { 3.0, 9.5 };
    t2.confidence = 0.87;
    t2.aligned = AlignedCopy { folder / "adr-aligned" / "cue101-101_t2-aligned.wav", 172836000, 199200 };
    t2.region = "region-3";
    t2.notes = "director's pick";
    s.adrCues[0].takes = { t1, t2 };
    return s;
}
} // namespace loopstage::test
