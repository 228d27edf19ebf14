#pragma once
/** Applies one gain to an audio file, streaming, into a new file of `format` (TPDF dither once
    where float becomes 16/24-bit), keeping its bext and iXML chunks; the bext gets the loudness
    of exactly the samples written (Deliver/DeliverableBext.h). */
#include "AudioFile/SampleFormat.h"

#include <filesystem>
#include <string_view>

namespace loopstage::exporter
{
void applyGain (const std::filesystem::path& in, const std::filesystem::path& out, double gainDb,
                audio::SampleFormat format, std::string_view step);
} // namespace loopstage::exporter
