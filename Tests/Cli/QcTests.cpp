// `loopstage qc`: exit 3 and failing checks for a file off spec, exit 0 after normalize,
// the HTML report, JSON shape per the contract.
#include "Support/Process.h"
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
    auto bad = runLoopstage ({ "qc", hot.string(), "--spec", "ebu-r128", "--json" });
    CHECK (bad.exitCode == 3);
    auto j = nlohmann::json::parse (bad.out);
    CHECK (j["spec"] == "ebu-r128");
    CHECK (j["compliant"] == false);
    CHECK (j["checks"][0]["name"] == "integrated");
    CHECK (j["checks"][0]["limit"] == "-23.0 ± 0.5");
    CHECK (j["checks"][0]["pass"] == false);

    REQUIRE (runLoopstage ({ "normalize", hot.string(), fixed.string(), "--spec", "ebu-r128" }).exitCode == 0);
    auto good = runLoopstage ({ "qc", fixed.string(), "--spec", "ebu-r128", "--duration", "8", "--report",
                                report.string(), "--json" });
    INFO (good.out);
    CHECK (good.exitCode == 0);
    CHECK (nlohmann::json::parse (good.out)["compliant"] == true);
    std::ifstream html (report);
    std::string text ((std::istreambuf_iterator<char> (html)), {});
    CHECK (text.find ("<svg") != std::string::npos);

    // Netflix wants 48 kHz 24-bit: a 44.1 kHz 16-bit file fails on format whatever its loudness.
    const auto cd = dir / "cd.wav";
    runOrFail ({ "sox", fixed.string(), "-r", "44100", "-b", "16", cd.string() });
    auto n = runLoopstage ({ "qc", cd.string(), "--spec", "netflix", "--json" });
    CHECK (n.exitCode == 3);
    for (auto& c : nlohmann::json::parse (n.out)["checks"])
        if (c["name"] == "sample_rate" || c["name"] == "bit_depth")
            CHECK (c["pass"] == false);
    CHECK (runLoopstage ({ "qc", cd.string() }).exitCode == 1);
}
