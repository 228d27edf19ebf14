// `loopstage plugins` and `loopstage session add-insert` with real LV2 plug-ins (x42, LSP).
#include "Base/AtomicFile.h"
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace loopstage::test;

namespace
{
/** A session with one dialogue track "dia" playing a 1 kHz tone for 1 s. */
std::string toneSession (const TempDir& dir)
{
    const auto session = (dir / "film.lsession").string();
    const auto tone = (dir / "tone.wav").string();
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-c", "1", "-b", "24", tone, "synth", "1", "sine", "1000", "vol", "0.1" });
    runLoopstageJson ({ "session", "new", session, "--rate", "25", "--json" });
    runLoopstageJson ({ "session", "add-track", session, "--name", "Dia", "--kind", "dx", "--id", "dia", "--json" });
    runLoopstageJson ({ "session", "add-region", session, "--track", "dia", "--file", tone, "--at", "0", "--json" });
    return session;
}

/** RMS of a WAV's first channel, from sox. */
double rmsOf (const std::filesystem::path& file)
{
    auto r = run ({ "sox", file.string(), "-n", "remix", "1", "stat" });
    const auto at = r.err.find ("RMS     amplitude:");
    REQUIRE (at != std::string::npos);
    return std::stod (r.err.substr (at + 18));
}
} // namespace

TEST_CASE ("plugins lists the LV2 plug-ins installed", "[cli][pluginhost]")
{
    auto list = runLoopstageJson ({ "plugins", "--format", "lv2", "--json" });
    CHECK (list["count"].get<int>() == (int) list["plugins"].size());
    bool found = false;
    for (auto& p : list["plugins"])
        if (p["id"] == "urn:ardour:a-eq")
        {
            found = true;
            CHECK (p["format"] == "lv2");
            CHECK (p["inputs"] == 1);
            CHECK (p["outputs"] == 1);
        }
    CHECK (found);
    CHECK (runLoopstage ({ "plugins", "--format", "au" }).exitCode == 1);
}

TEST_CASE ("session add-insert puts a plug-in on a track, its state in the session, and render applies it", "[cli][pluginhost]")
{
    TempDir dir ("cli-plugins");
    const auto session = toneSession (dir);
    runLoopstageJson ({ "plugins", "--json" });
    (void) runLoopstageJson ({ "render", session, "--out", (dir / "dry").string(), "--format", "float", "--json" });

    auto added = runLoopstageJson ({ "session", "add-insert", session, "--strip", "dia", "--lv2", "urn:ardour:a-eq", "--param", "freq2=1000",
                       "--param", "g2=6", "--param", "bw2=0.5", "--json" });
    CHECK (added["id"] == "insert-1");
    CHECK (added["kind"] == "lv2");
    CHECK (added["state_bytes"].get<int>() > 100);
    CHECK (added["latency_samples"] == 0);
    CHECK (runOrFail ({ "grep", "-c", "urn:ardour:a-eq", session }) == "1\n");

    auto rendered = runLoopstageJson ({ "render", session, "--out", (dir / "wet").string(), "--format", "float", "--json" });
    CHECK (rendered["warnings"].empty());
    const double gain = 20.0 * std::log10 (rmsOf (dir / "wet" / "DX.wav") / rmsOf (dir / "dry" / "DX.wav"));
    CHECK (gain == Approx (6.0).margin (0.6));   // the first 100 ms ramp in with the EQ's smoothing

    auto limiter = runLoopstageJson ({ "session", "add-insert", session, "--strip", "dia", "--lv2", "http://gareus.org/oss/lv2/dpl#mono", "--json" });
    CHECK (limiter["latency_samples"].get<int>() > 0);
    CHECK (runLoopstageJson ({ "render", session, "--out", (dir / "pdc").string(), "--json" })["latency_samples"] == limiter["latency_samples"]);

    auto missing = runLoopstage ({ "session", "add-insert", session, "--strip", "dia", "--lv2", "urn:loopstage:no-such-plugin" });
    CHECK (missing.exitCode == 2);
    CHECK_THAT (missing.err, Catch::Contains ("not installed"));
    auto badParam = runLoopstage ({ "session", "add-insert", session, "--strip", "dia", "--lv2", "urn:ardour:a-eq", "--param", "nope=1" });
    CHECK (badParam.exitCode == 2);
    CHECK_THAT (badParam.err, Catch::Contains ("no parameter 'nope'"));
    CHECK (runLoopstage ({ "session", "add-insert", session, "--strip", "nobody", "--lv2", "urn:ardour:a-eq" }).exitCode == 2);
    CHECK (runLoopstage ({ "session", "add-insert", session, "--strip", "dia" }).exitCode == 1);

    // A session whose plug-in is missing renders with a warning; a corrupt state is exit 2.
    auto doc = nlohmann::json::parse (loopstage::readWholeFile (session));
    auto& inserts = doc["tracks"][0]["inserts"];
    REQUIRE (inserts.size() == 2);
    inserts[1]["plugin"] = "urn:loopstage:no-such-plugin";
    const auto edited = (dir / "edited.lsession").string();
    runOrFail ({ "sh", "-c", "cat > " + edited + " <<'EOF'\n" + doc.dump (1) + "\nEOF" });
    auto bypassed = runLoopstageJson ({ "render", edited, "--out", (dir / "bypassed").string(), "--json" });
    REQUIRE (bypassed["warnings"].size() == 1);
    CHECK_THAT (bypassed["warnings"][0].get<std::string>(), Catch::Contains ("no-such-plugin is not installed; bypassed"));
    inserts[0]["state_base64"] = "QUJD";
    runOrFail ({ "sh", "-c", "cat > " + edited + " <<'EOF'\n" + doc.dump (1) + "\nEOF" });
    auto corrupt = runLoopstage ({ "render", edited, "--out", (dir / "corrupt").string() });
    CHECK (corrupt.exitCode == 2);
    CHECK_THAT (corrupt.err, Catch::Contains ("strip 'dia', insert 'insert-1'") && Catch::Contains ("state"));
}

TEST_CASE ("session set-insert changes a plug-in's parameters and bypass and remove-insert takes it out", "[cli][pluginhost]")
{
    TempDir dir ("cli-set-insert");
    const auto session = toneSession (dir);
    (void) runLoopstageJson ({ "render", session, "--out", (dir / "dry").string(), "--format", "float", "--json" });
    runLoopstageJson ({ "session", "add-insert", session, "--strip", "dia", "--lv2", "urn:ardour:a-eq", "--id", "eq", "--param", "freq2=1000",
          "--param", "g2=6", "--param", "bw2=0.5", "--json" });
    auto gainOf = [&] (const std::string& name)
    {
        (void) runLoopstageJson ({ "render", session, "--out", (dir / name).string(), "--format", "float", "--json" });
        return 20.0 * std::log10 (rmsOf (dir / name / "DX.wav") / rmsOf (dir / "dry" / "DX.wav"));
    };
    CHECK (gainOf ("boost") == Approx (6.0).margin (0.6));

    auto changed = runLoopstageJson ({ "session", "set-insert", session, "--strip", "dia", "--insert", "eq", "--param", "g2=-6", "--json" });
    CHECK (changed["id"] == "eq");
    CHECK (changed["parameters"]["g2"] == -6.0);
    CHECK (changed["parameters"]["freq2"] == 1000.0);   // the others stay
    CHECK (gainOf ("cut") == Approx (-6.0).margin (0.6));

    CHECK (runLoopstageJson ({ "session", "set-insert", session, "--strip", "dia", "--insert", "eq", "--bypass", "--json" })["bypass"] == true);
    CHECK (gainOf ("bypassed") == Approx (0.0).margin (0.05));
    CHECK (runLoopstageJson ({ "session", "set-insert", session, "--strip", "dia", "--insert", "eq", "--active", "--json" })["bypass"] == false);

    auto removed = runLoopstageJson ({ "session", "remove-insert", session, "--strip", "dia", "--insert", "eq", "--json" });
    CHECK (removed["id"] == "eq");
    CHECK (nlohmann::json::parse (loopstage::readWholeFile (session))["tracks"][0]["inserts"].empty());
    runLoopstageJson ({ "session", "undo", session, "--json" });
    CHECK (nlohmann::json::parse (loopstage::readWholeFile (session))["tracks"][0]["inserts"].size() == 1);

    auto unknown = runLoopstage ({ "session", "set-insert", session, "--strip", "dia", "--insert", "nope", "--param", "g2=0" });
    CHECK (unknown.exitCode == 2);
    CHECK_THAT (unknown.err, Catch::Contains ("has no insert 'nope'"));
    auto badParam = runLoopstage ({ "session", "set-insert", session, "--strip", "dia", "--insert", "eq", "--param", "nope=1" });
    CHECK (badParam.exitCode == 2);
    CHECK (runLoopstage ({ "session", "set-insert", session, "--strip", "dia", "--insert", "eq", "--bypass", "--active" }).exitCode == 1);
    CHECK (runLoopstage ({ "session", "remove-insert", session, "--strip", "nobody", "--insert", "eq" }).exitCode == 2);
}
