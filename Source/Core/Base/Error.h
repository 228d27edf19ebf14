#pragma once
/** Errors that Core reports to its callers.

    Bad input (a missing, unreadable, corrupt or unsupported file, an invalid value) is never a
    crash and never a silent default: Core throws InputError with a message that names the file
    and the problem, and the CLI turns it into exit code 2 (../shared/CLI.md).
*/
#include <stdexcept>
#include <string>
#include <filesystem>

namespace loopstage
{
/** Bad input from the user or from a file: the message is shown as is. */
class InputError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/** Builds "<file>: <problem>", the one shape every file error message takes. */
std::string fileMessage (const std::filesystem::path& file, const std::string& problem);

/** Throws InputError("<file>: <problem>"). */
[[noreturn]] void throwFileError (const std::filesystem::path& file, const std::string& problem);
} // namespace loopstage
