// Saves are atomic even when the process dies mid-write; bad files give clear errors and are
// never overwritten.
#include "Fixtures.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Session/SessionFile.h"
#include "Session/SessionJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace loopstage;
using namespace loopstage::session;

namespace
{
void writeText (const std::filesystem::path& file, const std::string& text)
{
    std::ofstream (file, std::ios::binary) << text;
}

/** A session big enough that its save takes many 4 KiB chunks. */
Session bigSession (const std::filesystem::path& folder)
{
    auto s = test::fullSession (folder);
    for (int i = 0; i < 400; ++i)
    {
        Region r = s.regions[0];
        r.id = "bulk-" + std::to_string (i);
        r.position = i * 5.0;
        s.regions.push_back (r);
    }
    return s;
}

std::vector<std::filesystem::path> leftovers (const std::filesystem::path& dir)
{
    std::vector<std::filesystem::path> found;
    for (auto& e : std::filesystem::directory_iterator (dir))
        if (e.path().filename().string().find (".part-") != std::string::npos)
            found.push_back (e.path());
    return found;
}
} // namespace

TEST_CASE ("a save killed mid-write leaves the old session intact", "[session]")
{
    test::TempDir dir ("session");
    const auto file = dir / "reel1.lsession";
    const auto old = test::fullSession (dir.path());
    saveSession (old, file);
    const auto oldText = readWholeFile (file);

    int pipeFds[2];
    REQUIRE (::pipe (pipeFds) == 0);
    const pid_t child = ::fork();
    REQUIRE (child >= 0);
    if (child == 0)
    {
        // The child starts saving a much bigger session and stops after 3 chunks (12 KiB) to
        // tell the parent, which kills it with SIGKILL: no destructor, no cleanup runs.
        ::close (pipeFds[0]);
        setSaveChunkHookForTesting ([fd = pipeFds[1]] (std::size_t written)
        {
            if (written >= 3 * 4096)
            {
                const char c = 'k';
                (void) ::write (fd, &c, 1);
                for (;;)
                    ::pause();
            }
        });
        try
        {
            saveSession (bigSession (dir.path()), file);
        }
        catch (...)
        {
        }
        ::_exit (0);   // not reached unless the hook did not fire
    }
    ::close (pipeFds[1]);
    char c = 0;
    const auto n = ::read (pipeFds[0], &c, 1);
    ::close (pipeFds[0]);
    REQUIRE (n == 1);
    ::kill (child, SIGKILL);
    int status = 0;
    ::waitpid (child, &status, 0);
    CHECK (WIFSIGNALED (status));

    // The real file is byte-identical and loads; the half temp file is beside it, unnamed.
    CHECK (readWholeFile (file) == oldText);
    CHECK (loadSession (file) == old);
    const auto parts = leftovers (dir.path());
    REQUIRE (parts.size() == 1);
    CHECK (std::filesystem::file_size (parts[0]) >= 3 * 4096);
    CHECK (std::filesystem::file_size (parts[0]) < toJson (bigSession (dir.path()), dir.path()).dump (2).size());

    // The next save works normally.
    saveSession (bigSession (dir.path()), file);
    CHECK (loadSession (file).regions.size() == 403);
}

TEST_CASE ("corrupt session files give errors naming the file and the place", "[session]")
{
    test::TempDir dir ("session");
    const auto file = dir / "demo.lsession";
    const auto good = toJson (test::fullSession (dir.path()), dir.path());
    const auto goodText = good.dump (2);

    struct Case
    {
        std::string label, text, expected;
    };
    auto with = [&] (auto change)
    {
        Json j = good;
        change (j);
        return j.dump (2);
    };
    const std::vector<Case> cases {
        { "truncated", goodText.substr (0, goodText.size() / 2), "not valid JSON" },
        { "empty", "", "empty file" },
        { "not a session", R"({"hello": "world"})", "format: missing" },
        { "other format", R"({"format": "ardour", "schema_version": 1})", "not a LoopStage session" },
        { "unknown kind", with ([] (Json& j) { j["tracks"][2]["kind"] = "foo"; }), "tracks[2].kind: unknown kind 'foo'" },
        { "wrong type", with ([] (Json& j) { j["regions"][0]["position"] = "ten"; }), "regions[0].position: expected a number, got a string" },
        { "bad channels", with ([] (Json& j) { j["tracks"][0]["channels"] = 3; }), "tracks[0].channels: must be 1, 2 or 6" },
        { "unknown field", with ([] (Json& j) { j["tracks"][1]["volume"] = 1; }), "tracks[1].volume: unknown field" },
        { "dangling track", with ([] (Json& j) { j["regions"][1]["track"] = "ghost"; }), "regions[1].track: no track 'ghost'" },
        { "bad timecode", with ([] (Json& j) { j["adr_cues"][0]["timecode_in"] = "01:00:12:30"; }), "adr_cues[0].timecode_in:" },
        { "bad rate", with ([] (Json& j) { j["frame_rate"] = "23.976df"; }), "frame_rate:" },
        { "rating", with ([] (Json& j) { j["adr_cues"][0]["takes"][0]["rating"] = 9; }), "adr_cues[0].takes[0].rating: must be 0 to 5" },
        { "warp", with ([] (Json& j) { j["adr_cues"][0]["takes"][1]["warp"] = Json::parse ("[[0,0],[1]]"); }), "adr_cues[0].takes[1].warp[1]: expected a pair" },
        { "music link", with ([] (Json& j) { j["regions"][1]["music_cue"] = "9M99"; }), "regions[1].music_cue: no music cue '9M99'" },
        { "date", with ([] (Json& j) { j["music"][0]["term_end"] = "31/12/2031"; }), "music[0].term_end: expected a date" },
        { "licence", with ([] (Json& j) { j["music"][0]["licence"] = "pirated"; }), "music[0].licence: unknown licence type 'pirated'" },
        { "array", R"([1, 2, 3])", "expected an object, got an array" },
        { "delivery", with ([] (Json& j) { j["delivery"]["spec"] = "loud"; }), "delivery.spec: unknown spec 'loud'" },
    };
    for (auto& c : cases)
    {
        INFO (c.label);
        writeText (file, c.text);
        try
        {
            loadSession (file);
            FAIL ("loaded a bad file");
        }
        catch (const InputError& e)
        {
            const std::string message = e.what();
            CHECK_THAT (message, Catch::StartsWith (file.string() + ": "));
            CHECK_THAT (message, Catch::Contains (c.expected));
        }
        // ...and a save never replaces a file it cannot read.
        CHECK_THROWS_WITH (saveSession (test::fullSession (dir.path()), file), Catch::Contains ("not overwritten") && Catch::Contains (c.expected));
        CHECK (readWholeFile (file) == c.text);
    }
    CHECK_THROWS_WITH (loadSession (dir / "missing.lsession"), Catch::Contains ("no such file"));
}

TEST_CASE ("a session from a newer LoopStage is refused and never overwritten", "[session]")
{
    test::TempDir dir ("session");
    const auto file = dir / "future.lsession";
    Json j = toJson (test::fullSession (dir.path()), dir.path());
    j["schema_version"] = schemaVersion + 1;
    j["hologram_tracks"] = Json::array();   // new fields a newer version might have
    const auto text = j.dump (2);
    writeText (file, text);

    CHECK_THROWS_WITH (loadSession (file), Catch::Contains ("newer LoopStage") && Catch::Contains ("schema version " + std::to_string (schemaVersion + 1)));
    CHECK_THROWS_WITH (saveSession (test::fullSession (dir.path()), file), Catch::Contains ("newer LoopStage") && Catch::Contains ("not overwritten"));
    CHECK (readWholeFile (file) == text);
    CHECK (leftovers (dir.path()).empty());
}
