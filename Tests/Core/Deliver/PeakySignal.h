#pragma once
// Material that makes normalisers work: a modulated noise bed (speech-like level swings) with
// sharp, near-full-scale transients and a bright tone burst whose inter-sample peaks exceed
// its samples. Deterministic.
#include "AudioFile/AudioBuffer.h"

namespace loopstage::test
{
audio::AudioBuffer peakySignal (double rate, int channels, double seconds, unsigned seed = 1);
} // namespace loopstage::test
