#pragma once
/** A tiny tmpfs mounted for one test, to see what a full disk does to a save or a render.
    Needs root (CI and the dev machines run as root); mounted() is false elsewhere. */
#include <cstddef>
#include <filesystem>

namespace loopstage::test
{
class TinyDisk
{
public:
    explicit TinyDisk (std::size_t bytes);
    ~TinyDisk();
    TinyDisk (const TinyDisk&) = delete;
    TinyDisk& operator= (const TinyDisk&) = delete;

    bool mounted() const noexcept { return isMounted; }
    const std::filesystem::path& path() const noexcept { return dir; }

private:
    std::filesystem::path dir;
    bool isMounted = false;
};
} // namespace loopstage::test
