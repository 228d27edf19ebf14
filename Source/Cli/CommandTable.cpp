#include "CommandTable.h"

#include <algorithm>

namespace loopstage::cli
{
namespace
{
    std::vector<const Command*>& registry()
    {
        static std::vector<const Command*> commands;
        return commands;
    }
} // namespace

CommandRegistration::CommandRegistration (const Command& command)
{
    auto& commands = registry();
    commands.push_back (&command);
    std::stable_sort (commands.begin(), commands.end(),
                      [] (auto* a, auto* b) { return a->order < b->order; });
}

const std::vector<const Command*>& commandTable()
{
    return registry();
}
} // namespace loopstage::cli
