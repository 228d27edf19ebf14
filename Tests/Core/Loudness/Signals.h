#pragma once
// Test signals of EBU Tech 3341/3342 and BS.1770, made in memory.
#include "AudioFile/AudioBuffer.h"

#include <utility>
#include <vector>

namespace loopstage::test
{
/** A sine in every listed channel: {seconds, peak dBFS} segments one after another. */
audio::AudioBuffer sineSequence (double rate, int channels, double hz,
                                 const std::vector<std::pair<double, double>>& segments,
                                 const std::vector<int>& activeChannels = {});

/** One channel of a sine of `amplitude` (linear) at `hz`, starting at `phaseDegrees`. */
audio::AudioBuffer sine (double rate, double seconds, double hz, double amplitude, double phaseDegrees = 0.0);
} // namespace loopstage::test
