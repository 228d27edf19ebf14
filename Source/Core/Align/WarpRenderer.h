#pragma once
/** Renders a take onto the guide's timeline: same sample rate and length as the guide, the
    take's channel count and sample format, written atomically (AudioFileWriter).

    Offset only: every channel is resampled (Resample.h) with the fractional offset folded into
    the filter phase, so a 0.37-sample move and a 44.1 -> 48 kHz conversion are one band-limited
    pass. With a warp map: the take is first brought onto the guide's rate and moved by the map's
    start, then time-stretched by Rubber Band (offline, R3 engine, formants preserved, pitch
    untouched) with one key frame per warp point, so each point lands exactly where the map says.
*/
#include "Align/Align.h"

#include <filesystem>

namespace loopstage::align
{
/** Writes `out`. `guideFrames` at `guideRate` fix the output length and rate. */
void renderAligned (const std::filesystem::path& take, const AlignmentResult& alignment,
                    std::int64_t guideFrames, int guideRate, const std::filesystem::path& out,
                    Progress& progress = Progress::none());
} // namespace loopstage::align
