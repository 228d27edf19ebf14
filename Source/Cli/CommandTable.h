#pragma once
/** The commands `loopstage` knows: name, one-line summary, usage text, option spec and runner.

    Each command lives in Commands/<Name>.cpp and registers itself with one
    `const CommandRegistration` object, so adding a command touches no shared file.
*/
#include "Args.h"
#include "Output.h"

#include <string>
#include <vector>

namespace loopstage::cli
{
struct Command
{
    std::string name;
    std::string summary;
    std::string usage;   ///< full `--help` text: synopsis, options, JSON fields
    ArgSpec spec;
    int (*run) (const Args&, Output&);
    int order = 100;     ///< position in `loopstage --help` (lower first)
};

/** All commands, sorted as `loopstage --help` lists them. */
const std::vector<const Command*>& commandTable();

/** Registers a command at static-initialisation time (the command files are linked directly into
    the executable, so the registration is never dropped by the linker). */
struct CommandRegistration
{
    explicit CommandRegistration (const Command& command);
};
} // namespace loopstage::cli
