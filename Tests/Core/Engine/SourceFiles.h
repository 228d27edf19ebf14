#pragma once
/** Source files written sample by sample for the engine tests (impulses, exact sines,
    channel-tagged multichannel files), as 32-bit float WAV so every sample is stored exactly. */
#include "Support/TempDir.h"

#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::test
{
/** DIR/<name>.wav at `rate`, one plane per channel (all the same length). */
std::filesystem::path writeSource (const TempDir& dir, const std::string& name, int rate,
                                   const std::vector<std::vector<float>>& planes);
} // namespace loopstage::test
