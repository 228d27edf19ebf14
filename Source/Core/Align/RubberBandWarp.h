#pragma once
/** Time-warps a take onto the guide with Rubber Band (see WarpRenderer.h). Internal. */
#include "Align/Align.h"
#include "AudioFile/AudioFileWriter.h"

#include <filesystem>

namespace loopstage::align
{
/** Writes `outFrames` frames at `rate` (the guide's) of the warped `take` to `writer`, piece by
    piece: only one piece of the take (read from the file) and its stretch are held. */
void renderWarped (const std::filesystem::path& take, const AlignmentResult& alignment, std::int64_t outFrames,
                   int rate, audio::AudioFileWriter& writer, Progress& progress);
} // namespace loopstage::align
