// `loopstage qc`: exit 3 and failing checks for a file off spec, exit 0 after normalize,
// the HTML report, JSON shape per the contract.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace loopstage::test;

TEST_CASE ("qc fails a hot file with exit 3 and passes it once normalised", "[cli][loudness]")
{
    TempDir dir ("qc");
    const auto hot = dir / "hot.wav", fixed = dir / "fixed.wav", report = dir / "qc.html";
    runOrFail ({ "sox", "-n", "-r", "48000", "-c", "2", "-b", "24", hot.string(), "synth", "8", "pinknoise",
                 "tremolo", "3", "60", "vol", "0.5" });
    auto j = runLoopstageJson ({ "qc", hot.string(), "--spec", "ebu-r128", "--json" }, 3);
    CHECK (j["spec"] == "ebu-r128");
    CHECK (j["compliant"] == false);
    CHECK (j["checks"][0]["name"] == "integrated");
    CHECK (j["checks"][0]["limit"] == "-23.0 ± 0.5");
    CHECK (j["checks"][0]["pass"] == false);

    REQUIRE (runLoopstage ({ "normalize", hot.string(), fixed.string(), "--spec", "ebu-r128" }).exitCode == 0);
    auto good = runLoopstageJson ({ "qc", fixed.string(), "--spec", "ebu-r128", "--duration", "8", "--report",
                                    report.string(), "--json" });
    CHECK (good["compliant"] == true);
    std::ifstream html (report);
    std::string text ((std::istreambuf_iterator<char> (html)), {});
    CHECK (text.find ("<svg") != std::string::npos);

    // Netflix wants 48 kHz 24-bit: a 44.1 kHz 16-bit file fails on format whatever its loudness.
    const auto cd = dir / "cd.wav";
    runOrFail ({ "sox", fixed.string(), "-r", "44100", "-b", "16", cd.string() });
    const auto n = runLoopstageJson ({ "qc", cd.string(), "--spec", "netflix", "--json" }, 3);
    for (auto& c : n["checks"])
        if (c["name"] == "sample_rate" || c["name"] == "bit_depth")
            CHECK (c["pass"] == false);
    CHECK (runLoopstage ({ "qc", cd.string() }).exitCode == 1);
}

TEST_CASE ("qc --dialogue-stem finds the speech on the DX stem", "[cli][loudness]")
{
    TempDir dir ("cli-qc-dx");
    const auto said = (dir / "said.wav").string(), dx = (dir / "dx.wav").string(), bed = (dir / "bed.wav").string(),
               mix = (dir / "mix.wav").string(), other = (dir / "dx-44k.wav").string();
    runOrFail ({ "espeak-ng", "-v", "en-us", "-w", said, "I waited by the bridge until midnight and nobody came" });
    runOrFail ({ "sox", said, "-r", "48000", "-c", "2", "-b", "24", dx, "pad", "1", "0", "repeat", "2", "pad", "0", "20", "trim", "0", "16" });
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-c", "2", "-b", "24", bed, "synth", "16", "sine", "220", "sine", "330",
                 "tremolo", "5", "40", "vol", "0.4" });
    runOrFail ({ "sox", "-m", dx, bed, mix });
    auto r = runLoopstage ({ "qc", mix, "--spec", "netflix", "--dialogue-stem", dx, "--json" });
    INFO (r.err);
    REQUIRE ((r.exitCode == 0 || r.exitCode == 3));
    const auto j = jsonOf (r);
    bool found = false;
    for (auto& c : j["checks"])
        if (c["name"] == "speech_percent")
        {
            found = true;
            CHECK_THAT (c["limit"].get<std::string>(), Catch::Contains ("speech found in dx.wav"));
            CHECK (c["value"].get<double>() > 20.0);
        }
    CHECK (found);

    runOrFail ({ "sox", dx, "-r", "44100", other });
    r = runLoopstage ({ "qc", mix, "--spec", "netflix", "--dialogue-stem", other });
    CHECK (r.exitCode == 2);
    CHECK_THAT (r.err, Catch::Contains ("dx-44k.wav: the dialogue stem must have the programme's sample rate and length"));
    r = runLoopstage ({ "qc", mix, "--spec", "ebu-r128", "--dialogue-stem", dx });
    CHECK (r.exitCode == 1);
}
