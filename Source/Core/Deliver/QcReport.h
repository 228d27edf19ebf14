#pragma once
/** The human QC report: one self-contained HTML file (no scripts, no external files) with the
    checks table and an inline SVG plot of momentary and short-term loudness over time against
    the target. Written atomically. */
#include "Deliver/FileQc.h"

#include <filesystem>

namespace loopstage::deliver
{
void writeQcReport (const std::filesystem::path& html, const std::filesystem::path& audioFile, const QcResult& result);
} // namespace loopstage::deliver
