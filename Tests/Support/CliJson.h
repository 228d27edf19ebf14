#pragma once
/** The CLI tests' one way to read what a `loopstage ... --json` run answered. */
#include "Support/Process.h"

#include <nlohmann/json.hpp>

namespace loopstage::test
{
/** A run's stdout parsed as JSON; fails the test, showing both streams, when it is not JSON. */
nlohmann::json jsonOf (const ProcessResult& result);

/** Runs `build/bin/loopstage <args...>`, requires exit code `expectedExit` (showing the command
    and its stderr when it differs) and returns its stdout parsed as JSON. */
nlohmann::json runLoopstageJson (const std::vector<std::string>& args, int expectedExit = 0);
} // namespace loopstage::test
