#pragma once
/** The Broadcast WAV identity every deliverable carries (printmaster, stems, normalised files):
    what the source said (description, time reference, UMID, earlier coding history), plus
    - Originator "LoopStage" and OriginationDate/Time (UTC, now) where the source left them empty;
    - a coding-history line for this step (A=PCM,F=..,W=..,M=..,T=LoopStage <step>);
    - the v2 loudness fields (EBU Tech 3285 s1 / R128 s1) as measured on the samples written:
      LoudnessValue, LoudnessRange, MaxTruePeakLevel, MaxMomentaryLoudness, MaxShortTermLoudness.
    Another system can then place the file at its timecode and read its loudness without
    measuring it again.
*/
#include "AudioFile/BextChunk.h"
#include "AudioFile/SampleFormat.h"
#include "Loudness/LoudnessAnalysis.h"

#include <optional>
#include <string_view>

namespace loopstage::deliver
{
audio::BextChunk deliverableBext (std::optional<audio::BextChunk> source, const loudness::LoudnessReport& written,
                                  audio::SampleFormat format, std::string_view step);
} // namespace loopstage::deliver
