#pragma once
/** How every command reports: one JSON object on stdout with --json, human text otherwise,
    errors as one "loopstage: error: ..." line on stderr, progress on stderr only on a terminal.
    Exit codes are ../shared/CLI.md's: 0 done, 1 usage, 2 bad input, 3 a check failed. */
#include "Base/Json.h"
#include "Base/Format.h"
#include "Base/Progress.h"

#include <string>

namespace loopstage::cli
{
enum ExitCode : int
{
    exitOk = 0,
    exitUsage = 1,
    exitBadInput = 2,
    exitCheckFailed = 3
};

struct Output
{
    bool json = false;
    bool quiet = false;

    /** Prints the command's result: the JSON object with --json, else `human`. */
    void result (const Json& object, const std::string& human) const;

    /** Reports an error in the contract's shape and returns `code` for main to exit with. */
    int error (const std::string& message, int code) const;

    /** A progress listener drawing a bar on stderr when it is a terminal and not --quiet. */
    Progress& progress();

private:
    struct Bar : Progress
    {
        bool enabled = false;
        int lastPercent = -1;
        bool update (double fraction, std::string_view stage) override;
    } bar;
};

using loopstage::fixed;   // Base/Format.h: numbers for human output
} // namespace loopstage::cli
