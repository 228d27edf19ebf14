#include "Support/TinyDisk.h"
#include "Base/Subprocess.h"

#include <random>

namespace loopstage::test
{
TinyDisk::TinyDisk (std::size_t bytes)
{
    dir = std::filesystem::temp_directory_path() / ("loopstage-tinydisk-" + std::to_string (std::random_device {}()));
    std::filesystem::create_directories (dir);
    isMounted = runSubprocess ({ "mount", "-t", "tmpfs", "-o", "size=" + std::to_string (bytes), "tmpfs", dir.string() }).exitCode == 0;
}

TinyDisk::~TinyDisk()
{
    if (isMounted)
        runSubprocess ({ "umount", dir.string() });
    std::error_code ec;
    std::filesystem::remove_all (dir, ec);
}
} // namespace loopstage::test
