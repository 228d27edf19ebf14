// A session with every field survives JSON and a file round trip unchanged.
#include "Fixtures.h"
#include "Base/AtomicFile.h"
#include "Session/SessionFile.h"
#include "Session/SessionJson.h"
#include "Session/Validate.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::session;

TEST_CASE ("a full session round-trips through JSON and a file", "[session]")
{
    test::TempDir dir ("session");
    const auto original = test::fullSession (dir.path());
    REQUIRE_NOTHROW (validate (original));

    const auto json = toJson (original, dir.path());
    CHECK (fromJson (json, "mem", dir.path()) == original);

    const auto file = dir / "reel1.lsession";
    saveSession (original, file);
    const auto loaded = loadSession (file);
    CHECK (loaded == original);

    // Saving what was loaded gives the same bytes: a stable, diffable file.
    const auto firstText = readWholeFile (file);
    saveSession (loaded, file);
    CHECK (readWholeFile (file) == firstText);
}

TEST_CASE ("media paths are relative inside the session folder, absolute outside", "[session]")
{
    test::TempDir dir ("session");
    const auto s = test::fullSession (dir.path());
    const auto file = dir / "reel1.lsession";
    saveSession (s, file);
    const auto json = Json::parse (readWholeFile (file));
    CHECK (json["regions"][0]["file"] == "audio/dx1.wav");
    CHECK (json["regions"][1]["file"] == "/srv/library/pier.wav");
    CHECK (json["picture"]["file"] == "picture/reel1.mov");
    CHECK (json["adr_cues"][0]["takes"][1]["file"] == "adr/101_t2.wav");

    // Moving the whole folder keeps the session working: relative paths follow it.
    test::TempDir other ("session-moved");
    std::filesystem::copy_file (file, other / "reel1.lsession");
    const auto moved = loadSession (other / "reel1.lsession");
    CHECK (moved.regions[0].file == other.path() / "audio" / "dx1.wav");
    CHECK (moved.regions[1].file == "/srv/library/pier.wav");
}

TEST_CASE ("the JSON carries the documented top-level fields", "[session]")
{
    test::TempDir dir ("session");
    const auto json = toJson (test::fullSession (dir.path()), dir.path());
    CHECK (json["format"] == "loopstage-session");
    CHECK (json["schema_version"] == schemaVersion);
    CHECK (json["frame_rate"] == "23.976");
    CHECK (json["start_timecode"] == "01:00:00:00");
    CHECK (json["tracks"][0]["kind"] == "dx");
    CHECK (json["tracks"][0]["automation"][0]["points"][1] == Json::array ({ 1.5, -6.0 }));
    CHECK (json["buses"][0]["stem"] == true);
    CHECK (json["music"][0]["licence"] == "library");
    CHECK (json["adr_cues"][0]["takes"][1]["sync_score"]["p95_ms"] == 9.5);
    CHECK (json["adr_cues"][0]["timecode_out"] == "01:00:14:12");
}

TEST_CASE ("a minimal hand-written session fills in the defaults", "[session]")
{
    const auto json = Json::parse (R"({
        "format": "loopstage-session", "schema_version": 1, "name": "Tiny",
        "sample_rate": 48000, "frame_rate": "25", "start_timecode": "10:00:00:00",
        "tracks": [{"id": "t1", "kind": "fx"}],
        "regions": [{"id": "r1", "track": "t1", "file": "a.wav", "position": 1, "length": 2}]
    })");
    const auto s = fromJson (json, "tiny.lsession", "/work/x");
    REQUIRE (s.tracks.size() == 1);
    CHECK (s.tracks[0].name == "t1");
    CHECK (s.tracks[0].channels == 2);
    CHECK (s.regions[0].file == "/work/x/a.wav");
    CHECK (s.regions[0].fadeInShape == FadeShape::linear);
    CHECK (s.master.id == "master");
    CHECK (s.secondsAt ({ 10, 0, 1, 0 }) == Approx (1.0));
    CHECK (s.duration() == Approx (3.0));
}

TEST_CASE ("timeline seconds and timecode labels agree at fractional rates", "[session]")
{
    Session s;
    s.frameRate = timecode::FrameRate::parse ("29.97df");
    s.startTimecode = { 1, 0, 0, 0 };
    CHECK (s.secondsAt ({ 1, 10, 0, 0 }) == Approx (17982.0 * 1001.0 / 30000.0).epsilon (1e-12));
    CHECK (s.timecodeAt (s.secondsAt ({ 1, 10, 0, 0 })) == timecode::Timecode { 1, 10, 0, 0 });
    CHECK (s.timecodeAt (0.0) == timecode::Timecode { 1, 0, 0, 0 });
}
