#pragma once
/** Time-warps a take onto the guide with Rubber Band (see WarpRenderer.h). Internal. */
#include "Align/Align.h"
#include "AudioFile/AudioBuffer.h"

namespace loopstage::align
{
/** `take` at `takeRate`; fills `rendered` (guide rate and length, take's channels). */
void renderWarped (const audio::AudioBuffer& take, int takeRate, const AlignmentResult& alignment,
                   audio::AudioBuffer& rendered, Progress& progress);
} // namespace loopstage::align
