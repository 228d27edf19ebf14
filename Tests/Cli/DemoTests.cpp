// `loopstage demo`: the main job end to end on the bundled scene (what scripts/demo runs):
// media made, ADR takes aligned and circled, EBU R128 and Netflix deliverables written and
// compliant, the unlicensed radio cue refused with nothing written.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace loopstage::test;
namespace fs = std::filesystem;

TEST_CASE ("demo runs the whole job on the bundled scene", "[cli][demo]")
{
    TempDir dir ("cli-demo");
    const auto out = dir / "demo-out";
    const auto j = runLoopstageJson ({ "demo", "--out", out.string(), "--json" });
    CHECK (fs::exists (j["session"].get<std::string>()));

    // ADR: every take aligned with a sync score, one circled take per cue.
    REQUIRE (j["adr"].size() >= 8);
    for (auto& cue : j["adr"])
    {
        INFO ("cue " << cue["cue"]);
        CHECK (cue["circled"].is_string());
        for (auto& take : cue["takes"])
        {
            CHECK (take["confidence"].get<double>() > 0.3);
            CHECK (take["sync_score"].is_object());
            CHECK (fs::exists (out / take["aligned_file"].get<std::string>()));
        }
    }

    // Deliveries: both compliant, with stems, printmaster, QC report and cue sheet.
    REQUIRE (j["deliveries"].size() == 2);
    for (auto& d : j["deliveries"])
    {
        INFO ("spec " << d["spec"]);
        CHECK (d["compliant"] == true);
        for (auto& f : d["files"])
            CHECK (fs::exists (f["file"].get<std::string>()));
        CHECK (d["files"].size() == 8);
    }
    bool dxGated = false;
    for (auto& c : j["deliveries"][1]["qc"]["checks"])
        if (c["name"] == "speech_percent")
            dxGated = c["limit"].get<std::string>().find ("DX stem") != std::string::npos;
    CHECK (dxGated);

    // The radio cue without a licence: refused, named with its timecodes, nothing written.
    const auto message = j["refused"]["message"].get<std::string>();
    CHECK_THAT (message, Catch::Contains ("1M02") && Catch::Contains ("Radio Tune") && Catch::Contains ("01:00:"));
    CHECK (std::distance (fs::directory_iterator (out / "deliver"), {}) == 2);   // ebu-r128 and netflix only
}
