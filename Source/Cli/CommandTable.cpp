#include "CommandTable.h"

namespace loopstage::cli
{
// Each Commands/*.cpp defines one of these. Add a line here when a command lands.
extern const Command tcCommand;

const std::vector<const Command*>& commandTable()
{
    static const std::vector<const Command*> table {
        &tcCommand,
    };
    return table;
}
} // namespace loopstage::cli
