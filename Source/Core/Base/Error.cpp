#include "Base/Error.h"

namespace loopstage
{
std::string fileMessage (const std::filesystem::path& file, const std::string& problem)
{
    return file.string() + ": " + problem;
}

void throwFileError (const std::filesystem::path& file, const std::string& problem)
{
    throw InputError (fileMessage (file, problem));
}
} // namespace loopstage
