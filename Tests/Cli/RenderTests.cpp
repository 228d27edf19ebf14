// `loopstage render`: stems and printmaster from a session file, checked with sox.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace loopstage::test;
using nlohmann::json;

namespace
{
json strip (const std::string& id, const std::string& name, int channels, const std::string& output)
{
    return { { "id", id }, { "name", name }, { "channels", channels }, { "gain_db", 0.0 }, { "pan", 0.0 },
             { "pan_front_back", 1.0 }, { "mute", false }, { "solo", false }, { "solo_safe", false },
             { "polarity_invert", false }, { "output", output }, { "sends", json::array() },
             { "inserts", json::array() }, { "automation", json::array() } };
}

json region (const std::string& id, const std::string& track, const std::string& file, double position, double length)
{
    return { { "id", id }, { "track", track }, { "file", file }, { "source_offset", 0.0 }, { "position", position },
             { "length", length }, { "gain_db", 0.0 }, { "fade_in", 0.05 }, { "fade_out", 0.1 },
             { "fade_in_shape", "linear" }, { "fade_out_shape", "equal-power" }, { "music_cue", "" },
             { "source_sample_rate", nullptr }, { "source_channels", nullptr } };
}

/** A 3-second session: dialogue (mono, EQ + automation + a send to FX), effects (stereo),
    music (stereo, a delay insert: plug-in delay compensation), and an unrouted guide track. */
std::filesystem::path makeSession (const TempDir& dir)
{
    runOrFail ({ "sox", "-n", "-r", "48000", "-c", "1", "-b", "24", (dir / "dialogue.wav").string(), "synth", "3", "pinknoise", "vol", "0.2" });
    runOrFail ({ "sox", "-n", "-r", "48000", "-c", "2", "-b", "24", (dir / "effects.wav").string(), "synth", "3", "brownnoise", "vol", "0.2" });
    runOrFail ({ "sox", "-n", "-r", "48000", "-c", "2", "-b", "24", (dir / "music.wav").string(), "synth", "3", "sine", "220", "sine", "330", "vol", "0.2" });

    auto dlg = strip ("dlg", "Dialogue", 1, "stem-dx");
    dlg["kind"] = "dx";
    dlg["gain_db"] = -3.0;
    dlg["pan"] = -0.2;
    dlg["sends"].push_back ({ { "bus", "stem-fx" }, { "level_db", -12.0 }, { "pre_fader", false } });
    dlg["inserts"].push_back ({ { "id", "eq" }, { "kind", "builtin" }, { "plugin", "eq" }, { "name", "" }, { "bypass", false },
                                { "state_base64", "" },
                                { "parameters", { { "bands", { { { "type", "high-pass" }, { "frequency", 80.0 } } } } } } });
    dlg["automation"].push_back ({ { "parameter", "gain" }, { "points", { { 0.5, -10.0 }, { 1.5, 0.0 } } } });
    auto fx = strip ("fx", "Effects", 2, "stem-fx");
    fx["kind"] = "fx";
    auto mx = strip ("mx", "Music", 2, "stem-mx");
    mx["kind"] = "mx";
    mx["inserts"].push_back ({ { "id", "look" }, { "kind", "builtin" }, { "plugin", "delay" }, { "name", "" }, { "bypass", false },
                               { "state_base64", "" }, { "parameters", { { "samples", 256 } } } });
    auto guide = strip ("guide", "Guide", 1, "");
    guide["kind"] = "guide";

    json buses = json::array();
    for (auto [id, name] : { std::pair { "stem-dx", "DX" }, std::pair { "stem-fx", "FX" }, std::pair { "stem-mx", "MX" } })
    {
        auto b = strip (id, name, 2, "master");
        b["stem"] = true;
        buses.push_back (b);
    }
    json session { { "format", "loopstage-session" }, { "schema_version", 1 }, { "name", "render test" },
                   { "sample_rate", 48000.0 }, { "frame_rate", "24" }, { "start_timecode", "01:00:00:00" },
                   { "tracks", { dlg, fx, mx, guide } },
                   { "regions", { region ("r1", "dlg", "dialogue.wav", 0.25, 2.5), region ("r2", "fx", "effects.wav", 0.0, 3.0),
                                  region ("r3", "mx", "music.wav", 0.5, 2.5), region ("r4", "guide", "dialogue.wav", 0.0, 3.0) } },
                   { "buses", buses }, { "master", strip ("master", "Master", 2, "") },
                   { "adr_cues", json::array() }, { "music", json::array() } };
    const auto file = dir / "mix.lsession";
    std::ofstream (file) << session.dump (2);
    return file;
}

/** Largest |a - b| over both files, measured by sox. */
double maxDifference (const std::filesystem::path& a, const std::filesystem::path& b)
{
    auto r = run ({ "sox", "-m", "-v", "1", a.string(), "-v", "-1", b.string(), "-n", "stat" });
    REQUIRE (r.exitCode == 0);
    double maxAmp = 0, minAmp = 0;
    std::istringstream lines (r.err);
    for (std::string line; std::getline (lines, line);)
    {
        if (line.rfind ("Maximum amplitude:", 0) == 0)
            maxAmp = std::stod (line.substr (18));
        if (line.rfind ("Minimum amplitude:", 0) == 0)
            minAmp = std::stod (line.substr (18));
    }
    return std::max (std::abs (maxAmp), std::abs (minAmp));
}
} // namespace

TEST_CASE ("render writes the stems and a printmaster equal to their sum", "[cli][engine]")
{
    TempDir dir ("cli-render");
    const auto session = makeSession (dir);
    const auto j = runLoopstageJson ({ "render", session.string(), "--out", (dir / "out").string(), "--json" });
    CHECK (j["sample_rate"] == 48000.0);
    CHECK (j["duration"].get<double>() == Approx (3.0));
    CHECK (j["latency_samples"] == 256);
    REQUIRE (j["files"].size() == 4);
    std::vector<std::string> names;
    for (auto& f : j["files"])
    {
        names.push_back (f["name"]);
        CHECK (std::filesystem::exists (f["file"].get<std::string>()));
        CHECK (f["channels"] == 2);
        CHECK (f["duration"].get<double>() == Approx (3.0));
        CHECK (f["peak_dbfs"].get<double>() < 0.0);
    }
    CHECK (names == std::vector<std::string> { "DX", "FX", "MX", "printmaster" });
    CHECK (j["files"][3]["role"] == "printmaster");
    CHECK (j["warnings"].empty());

    // The printmaster is the stems summed through the (unity) master: within 3 LSB of 24-bit,
    // measured by sox, which sums the three stem files itself.
    const auto out = dir / "out";
    runOrFail ({ "sox", "-m", "-v", "1", (out / "DX.wav").string(), "-v", "1", (out / "FX.wav").string(), "-v", "1",
                 (out / "MX.wav").string(), "-e", "floating-point", "-b", "32", (dir / "sum.wav").string() });
    CHECK (maxDifference (dir / "sum.wav", out / "printmaster.wav") <= 3.0 / 8388608.0);
    CHECK (runOrFail ({ "soxi", "-s", (out / "printmaster.wav").string() }) == "144000\n");
    // BWF time reference: the session starts at 01:00:00:00, i.e. 3600 s x 48000 after midnight.
    for (auto name : { "DX.wav", "printmaster.wav" })
        CHECK (runOrFail ({ "ffprobe", "-v", "error", "-show_entries", "format_tags=time_reference", "-of",
                            "default=nw=1:nk=1", (out / name).string() }) == "172800000\n");
}

TEST_CASE ("render is identical for any block size and thread count", "[cli][engine]")
{
    TempDir dir ("cli-render-blocks");
    const auto session = makeSession (dir);
    REQUIRE (runLoopstage ({ "render", session.string(), "--out", (dir / "a").string(), "--block", "64" }).exitCode == 0);
    REQUIRE (runLoopstage ({ "render", session.string(), "--out", (dir / "b").string(), "--block", "4096", "--threads", "2",
                             "--quiet" }).exitCode == 0);
    for (auto name : { "DX.wav", "FX.wav", "MX.wav", "printmaster.wav" })
    {
        INFO (name);
        CHECK (maxDifference (dir / "a" / name, dir / "b" / name) == 0.0);
    }
}

TEST_CASE ("render refuses bad input and usage", "[cli][engine]")
{
    TempDir dir ("cli-render-errors");
    auto missing = runLoopstage ({ "render", (dir / "nope.lsession").string(), "--out", (dir / "out").string() });
    CHECK (missing.exitCode == 2);
    CHECK_THAT (missing.err, Catch::StartsWith ("loopstage: error: ") && Catch::Contains ("nope.lsession"));

    const auto session = makeSession (dir);
    CHECK (runLoopstage ({ "render", session.string() }).exitCode == 1);                              // no --out
    CHECK (runLoopstage ({ "render", session.string(), "--out", (dir / "x").string(), "--spec", "no-such-spec" }).exitCode == 2);
    CHECK_FALSE (std::filesystem::exists (dir / "x" / "printmaster.wav"));
    auto badBlock = runLoopstage ({ "render", session.string(), "--out", (dir / "out").string(), "--block", "0", "--json" });
    CHECK (badBlock.exitCode == 2);
    CHECK (jsonOf (badBlock).contains ("error"));
    CHECK_FALSE (std::filesystem::exists (dir / "out" / "printmaster.wav"));

    // A region whose file is gone: exit 2 naming the file, and no output files at all.
    std::filesystem::remove (dir / "music.wav");
    auto gone = runLoopstage ({ "render", session.string(), "--out", (dir / "out2").string() });
    CHECK (gone.exitCode == 2);
    CHECK_THAT (gone.err, Catch::Contains ("music.wav"));
    CHECK_FALSE (std::filesystem::exists (dir / "out2" / "DX.wav"));
}
