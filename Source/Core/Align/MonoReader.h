#pragma once
/** Reads an audio file as one mono signal (channels averaged), block by block, so only the
    mono copy is ever held. Throws InputError naming the file when it cannot be read, has no
    audio, or has a sample rate that is not a whole number of Hz. */
#include "Align/OffsetFinder.h"

#include <filesystem>

namespace loopstage::align
{
MonoSignal readMono (const std::filesystem::path& file);
} // namespace loopstage::align
