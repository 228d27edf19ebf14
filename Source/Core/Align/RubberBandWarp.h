#pragma once
/** Time-warps a take onto the guide with Rubber Band (see WarpRenderer.h). Internal. */
#include "Align/Align.h"
#include "AudioFile/AudioFileWriter.h"

#include <filesystem>

namespace loopstage::align
{
/** Writes `outFrames` frames at `rate` (the guide's) of the warped `take` to `writer`, batch by
    batch: a few pieces of the take per thread (read from the file) and their stretches are
    held. `threads` 0: one per core this process may run on (its CPU affinity). The output does
    not depend on the thread count, bit for bit. */
void renderWarped (const std::filesystem::path& take, const AlignmentResult& alignment, std::int64_t outFrames,
                   int rate, audio::AudioFileWriter& writer, Progress& progress, int threads = 0);
} // namespace loopstage::align
