#include "Support/Process.h"
#include "Base/Subprocess.h"

#include <catch2/catch.hpp>

namespace loopstage::test
{
ProcessResult run (const std::vector<std::string>& argv)
{
    auto r = runSubprocess (argv);
    return { r.exitCode, std::move (r.out), std::move (r.err) };
}

std::string runOrFail (const std::vector<std::string>& argv)
{
    auto r = run (argv);
    INFO (argv[0] << " stderr: " << r.err);
    REQUIRE (r.exitCode == 0);
    return r.out;
}

std::string runLoopstageOrFail (const std::vector<std::string>& args)
{
    std::vector<std::string> argv { loopstageBinary().string() };
    argv.insert (argv.end(), args.begin(), args.end());
    return runOrFail (argv);
}

std::filesystem::path loopstageBinary()
{
    return std::filesystem::path (LOOPSTAGE_TEST_BIN) / "loopstage";
}

ProcessResult runLoopstage (const std::vector<std::string>& args)
{
    std::vector<std::string> argv { loopstageBinary().string() };
    argv.insert (argv.end(), args.begin(), args.end());
    return run (argv);
}

std::filesystem::path sourceDir()
{
    return LOOPSTAGE_TEST_SOURCE;
}
} // namespace loopstage::test
