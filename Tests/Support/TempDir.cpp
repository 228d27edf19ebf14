#include "Support/TempDir.h"

#include <cstdlib>
#include <random>

namespace loopstage::test
{
TempDir::TempDir (const std::string& label)
{
    std::random_device seed;
    const auto base = std::filesystem::temp_directory_path();
    for (;;)
    {
        dir = base / ("loopstage-" + label + "-" + std::to_string (seed()));
        if (std::filesystem::create_directories (dir))
            break;
    }
}

TempDir::~TempDir()
{
    if (std::getenv ("LOOPSTAGE_KEEP_TEST_FILES") != nullptr)
        return;
    std::error_code ec;
    std::filesystem::remove_all (dir, ec);
}
} // namespace loopstage::test
