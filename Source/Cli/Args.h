#pragma once
/** Command-line arguments of one command: positionals, valued options and flags.

    Each command declares which options it takes; anything else is a usage error (exit 1), so a
    typo in a render-farm script fails loudly instead of being ignored.
*/
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace loopstage::cli
{
/** A mistake in how the command was called: exit code 1. */
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct ArgSpec
{
    std::set<std::string> flags;        ///< options without a value, e.g. "warp"
    std::set<std::string> values;       ///< options with one value, e.g. "out"
    std::set<std::string> repeatable;   ///< valued options that may appear more than once
};

class Args
{
public:
    /** Parses argv (without the program and command names). --json, --quiet and --help are
        always accepted. Throws UsageError on unknown options or a missing value. */
    Args (const std::vector<std::string>& argv, const ArgSpec& spec);

    const std::vector<std::string>& positional() const noexcept { return positionals; }
    /** The n-th positional; throws UsageError naming `what` when it is missing. */
    const std::string& positional (size_t n, const char* what) const;
    void expectPositionals (size_t minCount, size_t maxCount) const;

    bool flag (const std::string& name) const { return flagsSeen.count (name) > 0; }
    std::optional<std::string> value (const std::string& name) const;
    std::vector<std::string> values (const std::string& name) const;
    /** The option parsed as a number; an unparsable value is bad input (InputError, exit 2). */
    std::optional<double> number (const std::string& name) const;

private:
    std::vector<std::string> positionals;
    std::set<std::string> flagsSeen;
    std::multimap<std::string, std::string> valuesSeen;
};
} // namespace loopstage::cli
