// Every edit kind applies, undoes to the exact previous state and redoes to the exact next one.
#include "Fixtures.h"
#include "Base/Error.h"
#include "Session/SessionDocument.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::session;

namespace
{
/** Applies, checks the change with `check`, undoes (state equals before), redoes (equals after). */
template <typename Check>
void applyUndoRedo (SessionDocument& doc, const Change& change, Check check)
{
    INFO (change.label);
    const Session before = doc.session();
    doc.apply (change);
    const Session after = doc.session();
    CHECK (after != before);
    check (after);
    CHECK (doc.undoLabel() == change.label);
    REQUIRE (doc.undo());
    CHECK (doc.session() == before);
    CHECK (doc.redoLabel() == change.label);
    REQUIRE (doc.redo());
    CHECK (doc.session() == after);
}
} // namespace

TEST_CASE ("every edit kind undoes and redoes exactly", "[session]")
{
    test::TempDir dir ("session");
    SessionDocument doc (test::fullSession (dir.path()));

    applyUndoRedo (doc, setName ("Reel 2"), [] (auto& s) { CHECK (s.name == "Reel 2"); });
    applyUndoRedo (doc, setTiming (96000, timecode::FrameRate::parse ("25"), { 10, 0, 0, 0 }),
                   [] (auto& s) { CHECK (s.sampleRate == 96000); });
    applyUndoRedo (doc, setPicture (std::nullopt), [] (auto& s) { CHECK (! s.picture); });
    applyUndoRedo (doc, setDelivery (DeliverySpec { "ebu-r128", "GB", { "broadcast" } }),
                   [] (auto& s) { CHECK (s.delivery->spec == "ebu-r128"); });

    Track fx;
    fx.id = "track-fx";
    fx.name = "FX 1";
    fx.kind = TrackKind::fx;
    fx.output = "stem-fx";
    applyUndoRedo (doc, addTrack (fx), [] (auto& s) { CHECK (s.findTrack ("track-fx")); });
    fx.gainDb = -7;
    fx.sends.push_back ({ "bus-verb", -3, false });
    applyUndoRedo (doc, updateTrack (fx), [] (auto& s) { CHECK (s.findTrack ("track-fx")->gainDb == -7); });
    applyUndoRedo (doc, moveTrack ("track-fx", 0), [] (auto& s) { CHECK (s.tracks[0].id == "track-fx"); });

    Region r;
    r.id = "region-fx";
    r.track = "track-fx";
    r.file = dir / "door.wav";
    r.position = 3;
    r.length = 1;
    applyUndoRedo (doc, addRegion (r), [] (auto& s) { CHECK (s.findRegion ("region-fx")); });
    r.position = 4;
    r.fadeOut = 0.2;
    applyUndoRedo (doc, updateRegion (r), [] (auto& s) { CHECK (s.findRegion ("region-fx")->position == 4); });
    applyUndoRedo (doc, removeRegion ("region-fx"), [] (auto& s) { CHECK (! s.findRegion ("region-fx")); });
    applyUndoRedo (doc, removeTrack ("track-1"), [] (auto& s)
                   {
                       CHECK (! s.findTrack ("track-1"));
                       CHECK (! s.findRegion ("region-1"));   // its regions go with it
                   });

    Bus b;
    b.id = "bus-2";
    b.name = "Crowd";
    b.output = "stem-fx";
    applyUndoRedo (doc, addBus (b), [] (auto& s) { CHECK (s.findBus ("bus-2")); });
    b.mute = true;
    applyUndoRedo (doc, updateBus (b), [] (auto& s) { CHECK (s.findBus ("bus-2")->mute); });
    applyUndoRedo (doc, removeBus ("bus-2"), [] (auto& s) { CHECK (! s.findBus ("bus-2")); });
    Bus master = doc.session().master;
    master.gainDb = -1;
    applyUndoRedo (doc, updateBus (master), [] (auto& s) { CHECK (s.master.gainDb == -1); });

    AdrCue cue;
    cue.id = "102";
    cue.character = "JON";
    cue.in = { 1, 0, 20, 0 };
    cue.out = { 1, 0, 22, 0 };
    applyUndoRedo (doc, addCue (cue), [] (auto& s) { CHECK (s.findCue ("102")); });
    cue.line = "Over here!";
    applyUndoRedo (doc, updateCue (cue), [] (auto& s) { CHECK (s.findCue ("102")->line == "Over here!"); });
    Take t;
    t.id = "take-9";
    t.file = dir / "102_t1.wav";
    applyUndoRedo (doc, addTake ("102", t), [] (auto& s) { CHECK (s.findTake ("take-9")); });
    t.rating = 4;
    t.circled = true;
    t.offset = 0.25;
    t.warp = { { 0, 0.25 }, { 1, 1.3 } };
    applyUndoRedo (doc, updateTake (t), [] (auto& s) { CHECK (s.findTake ("take-9")->circled); });
    applyUndoRedo (doc, removeTake ("take-9"), [] (auto& s) { CHECK (! s.findTake ("take-9")); });
    applyUndoRedo (doc, removeCue ("102"), [] (auto& s) { CHECK (! s.findCue ("102")); });

    MusicCue m;
    m.id = "1M02";
    m.title = "Chase";
    m.licence = LicenceType::own;
    applyUndoRedo (doc, addMusic (m), [] (auto& s) { CHECK (s.findMusic ("1M02")); });
    m.composer = "B. Composer";
    applyUndoRedo (doc, updateMusic (m), [] (auto& s) { CHECK (s.findMusic ("1M02")->composer == "B. Composer"); });
    applyUndoRedo (doc, removeMusic ("1M02"), [] (auto& s) { CHECK (! s.findMusic ("1M02")); });

    applyUndoRedo (doc, group ("Rename and retime", { setName ("X"), setTiming (44100, timecode::FrameRate::parse ("24"), { 0, 0, 0, 0 }) }),
                   [] (auto& s) { CHECK ((s.name == "X" && s.sampleRate == 44100)); });

    // Walk the whole history back to the start and forward again.
    const Session end = doc.session();
    int steps = 0;
    while (doc.undo())
        ++steps;
    CHECK (doc.session() == test::fullSession (dir.path()));
    while (doc.redo())
        --steps;
    CHECK (steps == 0);
    CHECK (doc.session() == end);
}

TEST_CASE ("a refused edit changes nothing and keeps the redo list", "[session]")
{
    test::TempDir dir ("session");
    SessionDocument doc (test::fullSession (dir.path()));
    doc.apply (setName ("A"));
    doc.undo();
    const Session before = doc.session();

    Track dup;
    dup.id = "track-1";
    CHECK_THROWS_WITH (doc.apply (addTrack (dup)), Catch::Contains ("already used"));
    Region bad;
    bad.id = "region-x";
    bad.track = "no-such-track";
    bad.file = "x.wav";
    bad.length = 1;
    CHECK_THROWS_WITH (doc.apply (addRegion (bad)), Catch::Contains ("regions[3].track: no track 'no-such-track'"));
    Track loop = *doc.session().findTrack ("track-1");
    Bus fxStem = *doc.session().findBus ("stem-fx");
    fxStem.output = "bus-verb";   // bus-verb already feeds stem-fx
    CHECK_THROWS_WITH (doc.apply (updateBus (fxStem)), Catch::Contains ("routing loop"));
    CHECK_THROWS_WITH (doc.apply (removeBus ("stem-dx")), Catch::Contains ("fed by track"));
    CHECK_THROWS_WITH (doc.apply (removeMusic ("1M01")), Catch::Contains ("used by region 'region-2'"));
    CHECK_THROWS_AS (doc.apply (updateTake (Take { .id = "nope" })), InputError);
    Region longFades = doc.session().regions[0];
    longFades.fadeIn = 3;
    longFades.fadeOut = 3;
    CHECK_THROWS_WITH (doc.apply (updateRegion (longFades)), Catch::Contains ("fades are longer than the region"));

    CHECK (doc.session() == before);
    CHECK (doc.canRedo());
    CHECK (doc.redoLabel() == "Rename session");
}

TEST_CASE ("dirty state, listeners and the history limit", "[session]")
{
    SessionDocument doc;
    CHECK (! doc.isDirty());
    int heard = 0;
    const int handle = doc.addListener ([&] (const Session&) { ++heard; });
    doc.apply (setName ("One"));
    CHECK (doc.isDirty());
    doc.undo();
    CHECK (! doc.isDirty());   // back to what was loaded
    doc.redo();
    CHECK (heard == 3);
    doc.removeListener (handle);
    doc.apply (setName ("Two"));
    CHECK (heard == 3);

    doc.historyLimit = 5;
    for (int i = 0; i < 10; ++i)
        doc.apply (setName ("n" + std::to_string (i)));
    int undos = 0;
    while (doc.undo())
        ++undos;
    CHECK (undos == 5);
}

TEST_CASE ("the history survives as JSON only for the session it was made for", "[session]")
{
    test::TempDir dir ("session");
    SessionDocument doc (Session::withDefaultStems(), dir / "h.lsession");
    doc.apply (setName ("A"));
    doc.apply (setName ("B"));
    doc.undo();
    const auto history = doc.historyToJson();

    SessionDocument again (doc.session(), dir / "h.lsession");
    REQUIRE (again.restoreHistory (history));
    CHECK (again.undoLabel() == "Rename session");
    REQUIRE (again.redo());
    CHECK (again.session().name == "B");
    REQUIRE (again.undo());
    REQUIRE (again.undo());
    CHECK (again.session().name == "Untitled");

    SessionDocument other (Session::withDefaultStems(), dir / "h.lsession");
    other.apply (setName ("edited elsewhere"));
    SessionDocument stale (other.session(), dir / "h.lsession");
    CHECK_FALSE (stale.restoreHistory (history));
    CHECK_FALSE (stale.canUndo());
}

TEST_CASE ("the saved history keeps the newest steps within its budget", "[session]")
{
    SessionDocument doc;
    for (int i = 0; i < 10; ++i)
        doc.apply (setName ("n" + std::to_string (i)));
    auto h = doc.historyToJson (4);
    REQUIRE (h["undo"].size() == 4);
    CHECK (h["undo"][3]["session"]["name"] == "n8");   // the state before the last edit
    CHECK (h["undo"][0]["session"]["name"] == "n5");
    h = doc.historyToJson (50, 1);                       // one step always fits
    CHECK (h["undo"].size() == 1);
    CHECK (h["undo"][0]["session"]["name"] == "n8");
}
