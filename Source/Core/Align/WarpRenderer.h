#pragma once
/** Renders a take onto the guide's timeline: same sample rate and length as the guide, the
    take's channel count and sample format, written atomically (AudioFileWriter).

    Offset only, another rate (44.1 -> 48 kHz): libsoxr at SOXR_HQ streams the take front to
    back (AudioFile/SoxrStream.h), the fractional offset reached to 1/294 of a sample through whole
    samples dropped on both sides. Offset only, the same rate: Resample.h with the fractional
    offset folded into the filter phase, block by block. With a warp map: RubberBandWarp.cpp
    (constant-ratio Rubber Band pieces cut at the take's pauses), each piece's span read from
    the file when it is stretched (ChannelSpans.h: random access, so Resample.h). Either way the
    take is read span by span and the output written as it is made: memory does not grow with
    the take's length or channel count.
*/
#include "Align/Align.h"
#include "AudioFile/BextChunk.h"
#include "AudioFile/IxmlChunk.h"

#include <filesystem>
#include <optional>

namespace loopstage::align
{
/** Broadcast WAV metadata for the aligned file, so another DAW can place it (TimeReference)
    and name it (scene, take) without the session. */
struct AlignedFileTags
{
    std::optional<audio::BextChunk> bext;
    std::optional<audio::IxmlChunk> ixml;
};

/** Writes `out`. `guideFrames` at `guideRate` fix the output length and rate. `threads` for the
    warp (0: one per core this process may run on); the file is the same for any count. */
void renderAligned (const std::filesystem::path& take, const AlignmentResult& alignment,
                    std::int64_t guideFrames, int guideRate, const std::filesystem::path& out,
                    Progress& progress = Progress::none(), const AlignedFileTags& tags = {}, int threads = 0);
} // namespace loopstage::align
