#pragma once
/** Runs real programs from tests: the loopstage binary itself, and the media makers and
    cross-checkers (ffmpeg, ffprobe, sox, espeak-ng, sndfile-info) the tests compare against. */
#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::test
{
struct ProcessResult
{
    int exitCode = -1;
    std::string out, err;
};

/** Runs argv[0] (searched in PATH) with the rest as arguments; waits; captures both streams. */
ProcessResult run (const std::vector<std::string>& argv);

/** Runs a program and fails the test (REQUIRE) when it exits non-zero, showing its stderr. */
std::string runOrFail (const std::vector<std::string>& argv);

/** build/bin/loopstage. */
std::filesystem::path loopstageBinary();

/** Runs `build/bin/loopstage <args...>`. */
ProcessResult runLoopstage (const std::vector<std::string>& args);

/** runOrFail for `build/bin/loopstage <args...>`: steps a test needs to succeed (building a session). */
std::string runLoopstageOrFail (const std::vector<std::string>& args);

/** The source tree root (for Assets/ and fixtures). */
std::filesystem::path sourceDir();
} // namespace loopstage::test
