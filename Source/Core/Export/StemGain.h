#pragma once
/** Applies one gain to an audio file, streaming, into a new file of the same format, keeping
    its bext and iXML chunks. */
#include <filesystem>

namespace loopstage::exporter
{
void applyGain (const std::filesystem::path& in, const std::filesystem::path& out, double gainDb);
} // namespace loopstage::exporter
