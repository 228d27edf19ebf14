// Saves never leave a half file: the old file or the complete new one, even on a full disk.
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Support/TempDir.h"
#include "Support/TinyDisk.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace loopstage;
using loopstage::test::TempDir;

namespace
{
size_t filesIn (const std::filesystem::path& dir)
{
    return (size_t) std::distance (std::filesystem::directory_iterator (dir), {});
}
} // namespace

TEST_CASE ("an atomic write replaces the file whole", "[base]")
{
    TempDir dir ("atomic");
    const auto file = dir / "session.lsession";
    writeFileAtomically (file, "first");
    CHECK (readWholeFile (file) == "first");
    writeFileAtomically (file, "second version");
    CHECK (readWholeFile (file) == "second version");
    CHECK (filesIn (dir.path()) == 1);
}

TEST_CASE ("an abandoned atomic write leaves the old file and no temporary", "[base]")
{
    TempDir dir ("atomic");
    const auto file = dir / "mix.wav";
    writeFileAtomically (file, "old");
    {
        AtomicFile out (file);
        std::ofstream (out.tempPath()) << "half a render";
        CHECK (out.tempPath().parent_path() == file.parent_path());
        // destroyed without commit(): a cancelled render
    }
    CHECK (readWholeFile (file) == "old");
    CHECK (filesIn (dir.path()) == 1);
}

TEST_CASE ("write errors name the file", "[base]")
{
    TempDir dir ("atomic");
    const auto missingFolder = dir / "no-such-folder" / "out.txt";
    CHECK_THROWS_AS (writeFileAtomically (missingFolder, "x"), InputError);
    CHECK_THROWS_WITH (writeFileAtomically (missingFolder, "x"), Catch::Contains ("out.txt"));
    CHECK_THROWS_WITH (readWholeFile (dir / "absent.json"), Catch::Contains ("absent.json") && Catch::Contains ("no such file"));
}

TEST_CASE ("a full disk fails the save cleanly and keeps the old file", "[base]")
{
    test::TinyDisk disk (64 * 1024);
    if (! disk.mounted())
    {
        WARN ("cannot mount a tmpfs here (not root?): full-disk case skipped");
        return;
    }
    const auto file = disk.path() / "session.lsession";
    writeFileAtomically (file, "the good session");
    const std::string huge (256 * 1024, 'x');
    CHECK_THROWS_AS (writeFileAtomically (file, huge), InputError);
    CHECK_THROWS_WITH (writeFileAtomically (file, huge), Catch::Contains ("session.lsession"));
    CHECK (readWholeFile (file) == "the good session");
    CHECK (filesIn (disk.path()) == 1);
}
