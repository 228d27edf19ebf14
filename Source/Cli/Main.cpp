// loopstage: the command-line face of LoopStage. See ../shared/CLI.md for the contract.
#include "CommandTable.h"
#include "Base/Error.h"
#include "PluginHost/PluginHost.h"

#include <iostream>

using namespace loopstage;
using namespace loopstage::cli;

namespace
{
void printHelp()
{
    std::cout << "loopstage " LOOPSTAGE_VERSION " - audio post-production and ADR workstation\n\n"
                 "usage: loopstage <command> [options]   (loopstage <command> --help for details)\n\n"
                 "commands:\n";
    for (auto* c : commandTable())
        std::cout << "  " << c->name << std::string (c->name.size() < 10 ? 10 - c->name.size() : 1, ' ')
                  << c->summary << "\n";
    std::cout << "\ncommon options: --json (one JSON object on stdout), --quiet (no progress)\n"
                 "exit codes: 0 done, 1 usage error, 2 bad input, 3 a check ran and failed\n";
}
} // namespace

int main (int argc, char** argv)
{
    pluginhost::install();   // LV2/VST3 inserts for every command that renders a session
    std::vector<std::string> words (argv + 1, argv + argc);
    Output out;
    for (auto& w : words)
        out.json = out.json || w == "--json";

    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help")
    {
        printHelp();
        return words.empty() ? exitUsage : exitOk;
    }
    if (words[0] == "--version")
    {
        std::cout << "loopstage " LOOPSTAGE_VERSION << std::endl;
        return exitOk;
    }

    const Command* command = nullptr;
    for (auto* c : commandTable())
        if (c->name == words[0])
            command = c;
    if (command == nullptr)
        return out.error ("unknown command '" + words[0] + "' (see loopstage --help)", exitUsage);

    try
    {
        Args args ({ words.begin() + 1, words.end() }, command->spec);
        if (args.flag ("help"))
        {
            std::cout << command->usage << std::endl;
            return exitOk;
        }
        out.quiet = args.flag ("quiet");
        return command->run (args, out);
    }
    catch (const UsageError& e)
    {
        out.error (e.what(), exitUsage);
        std::cerr << "\n" << command->usage << std::endl;
        return exitUsage;
    }
    catch (const InputError& e)
    {
        return out.error (e.what(), exitBadInput);
    }
    catch (const std::exception& e)
    {
        // Library failures (bad_alloc, filesystem errors) are reported like bad input: the job
        // could not be done with what was given, and the message says why.
        return out.error (e.what(), exitBadInput);
    }
}
