#pragma once
/** The commands `loopstage` knows: name, one-line summary, usage text, option spec and runner.
    Each command lives in Commands/<Name>.cpp and exposes one `Command` object. */
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
};

/** All commands, in the order `loopstage --help` lists them. */
const std::vector<const Command*>& commandTable();
} // namespace loopstage::cli
