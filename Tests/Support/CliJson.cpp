#include "Support/CliJson.h"

#include <catch2/catch.hpp>

namespace loopstage::test
{
nlohmann::json jsonOf (const ProcessResult& result)
{
    auto json = nlohmann::json::parse (result.out, nullptr, false);
    INFO ("stdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE_FALSE (json.is_discarded());
    return json;
}

nlohmann::json runLoopstageJson (const std::vector<std::string>& args, int expectedExit)
{
    const auto result = runLoopstage (args);
    std::string command = "loopstage";
    for (const auto& a : args)
        command += " " + a;
    INFO (command << "\nstdout: " << result.out << "\nstderr: " << result.err);
    REQUIRE (result.exitCode == expectedExit);
    return jsonOf (result);
}
} // namespace loopstage::test
