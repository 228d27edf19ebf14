// Autosave writes beside the session from its own thread; opening prefers a newer autosave.
#include "Fixtures.h"
#include "Base/AtomicFile.h"
#include "Session/Autosave.h"
#include "Session/SessionFile.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

using namespace loopstage;
using namespace loopstage::session;
using namespace std::chrono_literals;

namespace
{
void touchLater (const std::filesystem::path& file)
{
    std::filesystem::last_write_time (file, std::filesystem::last_write_time (file) + 2s);
}
} // namespace

TEST_CASE ("autosave writes after N edits and recovery reopens it", "[session]")
{
    test::TempDir dir ("session");
    const auto file = dir / "reel1.lsession";
    saveSession (test::fullSession (dir.path()), file);
    const auto autosave = autosavePathFor (file);
    CHECK (autosave.filename() == "reel1.lsession.autosave");

    {
        auto doc = SessionDocument::open (file);
        Autosave autosaver (doc, 1h, 3);   // the timer never fires in this test: only the count
        doc.apply (setName ("one"));
        doc.apply (setName ("two"));
        std::this_thread::sleep_for (50ms);
        CHECK (autosaver.writes() == 0);
        doc.apply (setName ("three"));
        for (int i = 0; i < 200 && autosaver.writes() == 0; ++i)
            std::this_thread::sleep_for (5ms);
        CHECK (autosaver.writes() == 1);
        CHECK (loadSession (autosave).name == "three");
        // The session file itself is untouched until the user saves.
        CHECK (loadSession (file).name != "three");
        // A crash here: the document is never saved.
    }
    touchLater (autosave);

    auto recovered = openWithRecovery (file);
    CHECK (recovered.fromAutosave);
    CHECK (recovered.document.session().name == "three");
    CHECK (recovered.document.file() == file);
    CHECK (recovered.document.isDirty());
    // Recovery is itself an edit: undo returns to the last saved state.
    CHECK (recovered.document.undoLabel() == "Recover autosave");
    recovered.document.undo();
    CHECK (recovered.document.session() == loadSession (file));
    recovered.document.redo();

    recovered.document.save();
    CHECK (! std::filesystem::exists (autosave));
    CHECK (loadSession (file).name == "three");
    CHECK_FALSE (openWithRecovery (file).fromAutosave);
}

TEST_CASE ("autosave on a timer, flush on demand, and on close", "[session]")
{
    test::TempDir dir ("session");
    const auto file = dir / "t.lsession";
    saveSession (Session::withDefaultStems(), file);
    auto doc = SessionDocument::open (file);
    {
        Autosave autosaver (doc, 100ms, 1000);
        doc.apply (setName ("timed"));
        for (int i = 0; i < 200 && autosaver.writes() == 0; ++i)
            std::this_thread::sleep_for (5ms);
        CHECK (autosaver.writes() == 1);

        doc.apply (setName ("flushed"));
        autosaver.flush();
        CHECK (loadSession (autosavePathFor (file)).name == "flushed");

        doc.apply (setName ("discarded"));
        autosaver.discardPending();
        autosaver.flush();
        CHECK (loadSession (autosavePathFor (file)).name == "flushed");

        doc.apply (setName ("on close"));
    }
    CHECK (loadSession (autosavePathFor (file)).name == "on close");
}

TEST_CASE ("an older, identical or broken autosave is not used", "[session]")
{
    test::TempDir dir ("session");
    const auto file = dir / "s.lsession";
    const auto autosave = autosavePathFor (file);
    auto s = test::fullSession (dir.path());
    saveSession (s, file);

    // Older than the session: ignored.
    auto older = s;
    older.name = "older";
    writeSessionAtomically (older, autosave, dir.path());
    std::filesystem::last_write_time (autosave, std::filesystem::last_write_time (file) - 10s);
    CHECK_FALSE (openWithRecovery (file).fromAutosave);

    // Newer but identical: nothing to recover, and it is cleaned up.
    writeSessionAtomically (s, autosave, dir.path());
    touchLater (autosave);
    CHECK_FALSE (openWithRecovery (file).fromAutosave);
    CHECK_FALSE (std::filesystem::exists (autosave));

    // Newer but damaged: the saved session opens as it is.
    std::ofstream (autosave) << "{\"format\": \"loopstage-session\", \"schema_ver";
    touchLater (autosave);
    auto opened = openWithRecovery (file);
    CHECK_FALSE (opened.fromAutosave);
    CHECK (opened.document.session() == s);

    // A corrupt session with an autosave beside it says so.
    std::ofstream (file) << "{ broken";
    CHECK_THROWS_WITH (openWithRecovery (file), Catch::Contains ("an autosave exists"));
}
