// The session services every face uses: a session file with its undo history beside it, look-ups
// by what users type, regions made from files, and what needs attention.
#include "Session/RegionFromFile.h"
#include "Session/SessionHistory.h"
#include "Session/SessionLookup.h"
#include "Session/SessionFile.h"
#include "Session/SessionWarnings.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::session;
using namespace loopstage::test;

namespace
{
    Track track (const std::string& id, const std::string& name, TrackKind kind)
    {
        Track t;
        t.id = id;
        t.name = name;
        t.kind = kind;
        t.channels = defaultChannelsFor (kind);
        return t;
    }

    std::filesystem::path newSession (const TempDir& dir)
    {
        const auto file = dir / "reel1.lsession";
        createSessionFile (Session::withDefaultStems(), file, false);
        return file;
    }
} // namespace

TEST_CASE ("session history: undo survives reopening, a stale or damaged history is ignored", "[session]")
{
    TempDir dir ("session-history");
    const auto file = newSession (dir);
    {
        auto doc = openWithHistory (file);
        commit (doc, addTrack (track ("t1", "Boom", TrackKind::dx)));
        commit (doc, addTrack (track ("t2", "Lav", TrackKind::dx)));
    }
    {
        auto doc = openWithHistory (file);
        CHECK (doc.undoLabel() == "Add track Lav");
        undoAndSave (doc);
        CHECK (doc.session().tracks.size() == 1);
    }
    auto doc = openWithHistory (file);
    CHECK (doc.session().tracks.size() == 1);
    CHECK (doc.redoLabel() == "Add track Lav");

    // Someone else saved the session: its history no longer matches and is not trusted.
    auto changed = doc.session();
    changed.name = "edited elsewhere";
    saveSession (changed, file);
    CHECK_FALSE (openWithHistory (file).canUndo());
    writeFileAtomically (historyPathFor (file), "{ not json");
    CHECK (openWithHistory (file).session().name == "edited elsewhere");
    auto fresh = openWithHistory (file);
    CHECK_THROWS_WITH (undoAndSave (fresh), file.string() + ": nothing to undo (the history is kept in reel1.lsession.history)");
}

TEST_CASE ("session history: a refused change names the file and changes nothing on disk", "[session]")
{
    TempDir dir ("session-refused");
    const auto file = newSession (dir);
    auto doc = openWithHistory (file);
    const auto before = readWholeFile (file);
    auto bad = track ("t1", "Odd", TrackKind::dx);
    bad.channels = 3;
    CHECK_THROWS_WITH (commit (doc, addTrack (bad)), Catch::StartsWith (file.string() + ": tracks[0].channels"));
    CHECK (readWholeFile (file) == before);
    CHECK_THROWS_WITH (createSessionFile (Session::withDefaultStems(), file, false), file.string() + ": already exists (use --force to replace it)");
}

TEST_CASE ("look-ups: a track by id or unique name, strips, cues and takes, each miss naming the session", "[session]")
{
    TempDir dir ("session-lookup");
    const auto file = newSession (dir);
    auto doc = openWithHistory (file);
    commit (doc, addTrack (track ("t1", "Boom", TrackKind::dx)));
    commit (doc, addTrack (track ("t2", "Lav", TrackKind::dx)));
    commit (doc, addTrack (track ("t3", "Lav", TrackKind::dx)));
    CHECK (requireTrack (doc, "Boom").id == "t1");
    CHECK (requireTrack (doc, "t3").id == "t3");
    CHECK_THROWS_WITH (requireTrack (doc, "Lav"), file.string() + ": two tracks are named 'Lav': give the track id");
    CHECK_THROWS_WITH (requireTrack (doc, "Mic"), file.string() + ": no track 'Mic'");
    CHECK (requireStrip (doc, "stem-dx").id == "stem-dx");
    CHECK (requireStrip (doc, "master").id == "master");
    CHECK_THROWS_WITH (requireStrip (doc, "reverb"), Catch::Contains ("no track, bus, stem or master with id 'reverb'"));
    CHECK_THROWS_WITH (requireCue (doc, "101"), file.string() + ": no cue '101'");
}

TEST_CASE ("a region from a file: checked against the file, the rest of the file by default", "[session]")
{
    TempDir dir ("session-region");
    const auto file = newSession (dir);
    const auto audio = dir / "fx.wav";
    runOrFail ({ "sox", "-R", "-n", "-r", "44100", "-c", "2", audio.string(), "synth", "2.0", "pinknoise", "vol", "0.1" });
    auto doc = openWithHistory (file);
    commit (doc, addTrack (track ("fx", "Doors", TrackKind::fx)));

    Region wanted;
    wanted.track = "Doors";
    wanted.file = audio;
    wanted.position = 3.0;
    wanted.sourceOffset = 0.5;
    const auto r = regionFromFile (doc, wanted);
    CHECK (r.track == "fx");
    CHECK (r.length == Approx (1.5));
    CHECK (r.sourceSampleRate == 44100.0);
    CHECK (r.sourceChannels == 2);
    CHECK (r.id == doc.session().nextId ("region"));
    commit (doc, addRegion (r));
    CHECK (sessionWarnings (doc.session()) == std::vector<std::string> { r.id + ": file is 44100 Hz, the session 48000 Hz: converted as it plays and renders" });

    CHECK_THROWS_WITH (regionFromFile (doc, wanted, 1.6), audio.string() + ": length 1.600 s runs past the end of the file (1.500 s after the offset)");
    wanted.sourceOffset = 2.5;
    CHECK_THROWS_WITH (regionFromFile (doc, wanted), audio.string() + ": offset 2.500 s is outside the file (2.000 s long)");
    wanted.sourceOffset = 0.0;
    wanted.position = -1.0;
    CHECK_THROWS_WITH (regionFromFile (doc, wanted), file.string() + ": the region would start before the session's start timecode");
    wanted.file = dir / "missing.wav";
    CHECK_THROWS_WITH (regionFromFile (doc, wanted), Catch::StartsWith ((dir / "missing.wav").string()));
}

TEST_CASE ("warnings: missing media, music outside the licence register, licences without an id", "[session]")
{
    TempDir dir ("session-warnings");
    auto s = Session::withDefaultStems();
    s.tracks = { track ("mx", "Score", TrackKind::mx) };
    Region r;
    r.id = "region-1";
    r.track = "mx";
    r.file = dir / "gone.wav";
    r.length = 1.0;
    s.regions = { r };
    MusicCue m;
    m.id = "1M1";
    m.title = "Night Drive";
    m.licence = LicenceType::library;
    s.music = { m };
    CHECK (sessionWarnings (s) == std::vector<std::string> {
               "region-1: file missing: " + r.file.string(),
               "region-1: music region with no music cue (not in the licence register)",
               "music 1M1: library cue without a licence id" });
}
