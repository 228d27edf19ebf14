#pragma once
/** Test media made at test time by sox, in a TempDir: the one place that knows the command line,
    so every suite's "pink noise, 1 s, mono" is the same file. */
#include "Support/TempDir.h"

#include <filesystem>
#include <string>

namespace loopstage::test
{
/** How makeSource writes its file. */
struct SourceFormat
{
    double sampleRate = 48000.0;
    int bits = 32;   ///< 32: float (exact samples for the engine tests); 16 or 24: integer PCM, as delivered
};

/** DIR/<name>.wav made by `sox -R -n ... synth <seconds> <synth>` at `volume` (linear), e.g.
    synth "pinknoise", "sine 440", "pinknoise tremolo 3 90" (words after the generator are sox
    effects). -R makes the noise the same on every run. */
std::filesystem::path makeSource (const TempDir& dir, const std::string& name, int channels, double seconds,
                                  const std::string& synth, double volume = 0.3, const SourceFormat& format = {});
} // namespace loopstage::test
