// `loopstage loudness` on real material made with espeak-ng and sox, cross-checked against
// ffmpeg's ebur128 filter; nulls for silence; exit 2 for bad input.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

using namespace loopstage::test;

namespace
{
nlohmann::json loudness (const std::filesystem::path& file, bool dialogue = false)
{
    std::vector<std::string> args { "loudness", file.string(), "--json" };
    if (dialogue)
        args.push_back ("--dialogue");
    return runLoopstageJson (args);
}

double ffmpegSummary (const std::filesystem::path& file, const std::string& label)
{
    auto r = run ({ "ffmpeg", "-hide_banner", "-nostats", "-i", file.string(), "-af",
                    "ebur128=peak=true", "-f", "null", "-" });
    REQUIRE (r.exitCode == 0);
    std::smatch m;
    const auto summary = r.err.substr (r.err.rfind ("Summary:"));
    REQUIRE (std::regex_search (summary, m, std::regex (label + ":\\s+(-?[0-9.]+)")));
    return std::stod (m[1]);
}
} // namespace

TEST_CASE ("loudness agrees with ffmpeg ebur128 on speech with transients", "[cli][loudness]")
{
    TempDir dir ("loudness");
    const auto speech = dir / "speech.wav", mix = dir / "mix.wav";
    runOrFail ({ "espeak-ng", "-w", speech.string(),
                 "Dialogue for the loudness meter. Short lines, with pauses, then a door slams. Then silence." });
    runOrFail ({ "sox", speech.string(), "-r", "48000", "-c", "2", "-b", "24", mix.string(), "pad", "0.5", "1",
                 "repeat", "2" });
    const auto j = loudness (mix);
    CHECK (j["file"] == "mix.wav");
    CHECK (j["sample_rate"] == 48000);
    CHECK (j["channels"] == 2);
    CHECK (j["integrated_lufs"].get<double>() == Approx (ffmpegSummary (mix, "I")).margin (0.1));
    CHECK (j["lra_lu"].get<double>() == Approx (ffmpegSummary (mix, "LRA")).margin (0.5));
    CHECK (j["true_peak_dbtp"].get<double>() == Approx (ffmpegSummary (mix, "Peak")).margin (0.2));
    CHECK (j["sample_peak_dbfs"].get<double>() <= j["true_peak_dbtp"].get<double>());
    for (auto field : { "duration", "momentary_max_lufs", "short_term_max_lufs" })
        CHECK (j[field].is_number());
    CHECK_FALSE (j.contains ("dialogue_lufs"));

    const auto d = loudness (mix, true);
    CHECK (d["speech_percent"].get<double>() > 50.0);
    CHECK (d["dialogue_lufs"].get<double>() == Approx (d["integrated_lufs"].get<double>()).margin (1.5));
}

TEST_CASE ("loudness of silence and of a 0.2 s file is null, not a number", "[cli][loudness]")
{
    TempDir dir ("loudness");
    const auto silence = dir / "silence.wav", blip = dir / "blip.wav", tone = dir / "tone.wav";
    runOrFail ({ "sox", "-D", "-n", "-r", "48000", "-c", "2", "-b", "16", silence.string(), "trim", "0", "3" });
    runOrFail ({ "sox", "-n", "-r", "44100", "-c", "1", "-b", "16", blip.string(), "synth", "0.2", "sine", "1000" });
    runOrFail ({ "sox", "-n", "-r", "48000", "-c", "2", "-b", "24", tone.string(), "synth", "10", "sine", "440", "vol", "0.1" });
    auto s = loudness (silence, true);
    CHECK (s["integrated_lufs"].is_null());
    CHECK (s["true_peak_dbtp"].is_null());
    CHECK (s["dialogue_lufs"].is_null());
    CHECK (s["speech_percent"] == 0.0);
    auto b = loudness (blip);
    CHECK (b["integrated_lufs"].is_null());
    CHECK (b["lra_lu"].is_null());
    CHECK (b["sample_peak_dbfs"].is_number());
    auto t = loudness (tone, true);
    CHECK (t["speech_percent"].get<double>() < 5.0);
}

TEST_CASE ("loudness of a missing or corrupt file is bad input", "[cli][loudness]")
{
    TempDir dir ("loudness");
    auto missing = runLoopstage ({ "loudness", (dir / "nope.wav").string(), "--json" });
    CHECK (missing.exitCode == 2);
    CHECK (jsonOf (missing).contains ("error"));
    CHECK (missing.err.find ("nope.wav") != std::string::npos);
    runOrFail ({ "sh", "-c", "echo not audio > " + (dir / "bad.wav").string() });
    CHECK (runLoopstage ({ "loudness", (dir / "bad.wav").string() }).exitCode == 2);
    CHECK (runLoopstage ({ "loudness" }).exitCode == 1);
}

TEST_CASE ("speech is found under a louder pad and not in the pad alone", "[cli][loudness]")
{
    TempDir dir ("loudness");
    const auto speech = dir / "speech.wav", speech48 = dir / "speech48.wav", pad = dir / "pad.wav", mix = dir / "mix.wav";
    runOrFail ({ "espeak-ng", "-w", speech.string(),
                 "Keep talking while the music plays underneath. We need to hear every word of this line." });
    runOrFail ({ "sox", speech.string(), "-r", "48000", "-c", "2", speech48.string(), "repeat", "1" });
    runOrFail ({ "sox", "-n", "-r", "48000", "-c", "2", pad.string(), "synth", "20", "sine", "220", "sine", "330",
                 "tremolo", "0.3", "20", "vol", "0.2" });
    runOrFail ({ "sox", "-m", speech48.string(), pad.string(), mix.string(), "trim", "0", "8" });
    CHECK (loudness (pad, true)["speech_percent"].get<double>() < 5.0);
    CHECK (loudness (mix, true)["speech_percent"].get<double>() > 60.0);
}
