#pragma once
/** A fresh folder under the system temp dir, removed with everything in it when the test ends
    (kept when LOOPSTAGE_KEEP_TEST_FILES is set, to look at what a failing test made). */
#include <filesystem>
#include <string>

namespace loopstage::test
{
class TempDir
{
public:
    explicit TempDir (const std::string& label = "test");
    ~TempDir();
    TempDir (const TempDir&) = delete;
    TempDir& operator= (const TempDir&) = delete;

    const std::filesystem::path& path() const noexcept { return dir; }
    std::filesystem::path operator/ (const std::string& name) const { return dir / name; }

private:
    std::filesystem::path dir;
};
} // namespace loopstage::test
