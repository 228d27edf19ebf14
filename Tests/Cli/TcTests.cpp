// `loopstage tc` against ../shared/REFERENCE.md.
#include "Support/CliJson.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loopstage::test;

namespace
{
nlohmann::json tc (std::vector<std::string> args)
{
    args.insert (args.begin(), "tc");
    args.push_back ("--json");
    return runLoopstageJson (args);
}
} // namespace

TEST_CASE ("tc matches the reference table", "[cli][timecode]")
{
    auto a = tc ({ "--rate", "29.97df", "--frames", "17982" });
    CHECK (a["rate"] == "29.97df");
    CHECK (a["frames"] == 17982);
    CHECK (a["timecode"] == "00:10:00;00");

    CHECK (tc ({ "--rate", "29.97df", "--frames", "1800" })["timecode"] == "00:01:00;02");
    CHECK (tc ({ "--rate", "29.97df", "--timecode", "01:00:00;00" })["frames"] == 107892);
    CHECK (tc ({ "--rate", "59.94df", "--frames", "3600" })["timecode"] == "00:01:00;04");
    CHECK (tc ({ "--rate", "25", "--timecode", "10:00:00:00" })["frames"] == 900000);

    auto s = tc ({ "--rate", "29.97", "--frames", "1", "--sample-rate", "48000" });
    CHECK (s["samples"].get<double>() == Approx (1601.6).margin (1e-9));
}

TEST_CASE ("tc refuses timecodes and rates that do not exist", "[cli][timecode]")
{
    for (auto args : std::vector<std::vector<std::string>> {
             { "--rate", "23.976df", "--frames", "0" },
             { "--rate", "29.97df", "--timecode", "00:01:00;00" },
             { "--rate", "25", "--timecode", "24:00:00:00" },
             { "--rate", "25", "--timecode", "00:00:00:25" },
             { "--rate", "25", "--timecode", "garbage" },
             { "--rate", "25", "--frames", "1.5" } })
    {
        args.insert (args.begin(), "tc");
        INFO (args[1] << " " << args[2] << " " << args[3] << " " << args[4]);
        auto r = runLoopstage (args);
        CHECK (r.exitCode == 2);
        CHECK_THAT (r.err, Catch::StartsWith ("loopstage: error: "));
    }
}

TEST_CASE ("tc wraps frame counts past 24 hours", "[cli][timecode]")
{
    CHECK (tc ({ "--rate", "25", "--frames", "2160001" })["timecode"] == "00:00:00:01");
    CHECK (tc ({ "--rate", "25", "--frames", "-1" })["timecode"] == "23:59:59:24");
}
