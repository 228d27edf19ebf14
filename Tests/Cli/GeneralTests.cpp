// The general promises of ../shared/CLI.md, checked on the real binary.
#include "Support/CliJson.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loopstage::test;

TEST_CASE ("--help lists every command and --version answers", "[cli]")
{
    auto help = runLoopstage ({ "--help" });
    REQUIRE (help.exitCode == 0);
    CHECK_THAT (help.out, Catch::Contains ("tc"));
    CHECK_THAT (help.out, Catch::Contains ("exit codes"));

    auto version = runLoopstage ({ "--version" });
    REQUIRE (version.exitCode == 0);
    CHECK_THAT (version.out, Catch::StartsWith ("loopstage "));
}

TEST_CASE ("usage errors exit 1, bad values exit 2 with one error line", "[cli]")
{
    CHECK (runLoopstage ({}).exitCode == 1);
    CHECK (runLoopstage ({ "no-such-command" }).exitCode == 1);
    CHECK (runLoopstage ({ "tc", "--rate", "25", "--bogus", "1" }).exitCode == 1);

    auto bad = runLoopstage ({ "tc", "--rate", "23.976df", "--frames", "1", "--json" });
    CHECK (bad.exitCode == 2);
    CHECK_THAT (bad.err, Catch::StartsWith ("loopstage: error: "));
    auto json = jsonOf (bad);
    CHECK (json.size() == 1);
    CHECK_THAT (json["error"].get<std::string>(), Catch::Contains ("23.976df"));
}

TEST_CASE ("every command answers --help", "[cli]")
{
    auto help = runLoopstage ({ "--help" });
    std::istringstream lines (help.out.substr (help.out.find ("commands:")));
    std::string line;
    std::getline (lines, line);
    while (std::getline (lines, line) && line.rfind ("  ", 0) == 0)
    {
        const auto name = line.substr (2, line.find (' ', 2) - 2);
        INFO (name);
        auto r = runLoopstage ({ name, "--help" });
        CHECK (r.exitCode == 0);
        CHECK_THAT (r.out, Catch::Contains ("usage: loopstage " + name));
    }
}
