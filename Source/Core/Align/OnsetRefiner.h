#pragma once
/** One word onset matched to the millisecond. The warp's frames are 5 ms apart; the editor's
    bulk sync is judged on word onsets, so each onset pair the path gives is refined on the
    speech-band level (a band-pass around 1.2 kHz, squared, 1 ms bins, in dB) of both files:
    the lag within +/- search that best correlates the two level curves from 40 ms before to
    150 ms after the onset (Pearson, so a gain, a booth EQ or a noise floor does not count),
    with a parabolic sub-millisecond peak. Levels, not waveforms: a re-performance's waveform
    has nothing in common with the guide's, its rise into a word does. */
#include "Align/MonoSource.h"

#include <optional>

namespace loopstage::align
{
/** The correction (seconds) to add to `takeSeconds` so it meets `guideSeconds`; empty when
    the level curves do not agree well enough (correlation under 0.4) to say. */
std::optional<double> refineOnset (const MonoSource& guide, double guideSeconds, const MonoSource& take,
                                   double takeSeconds, double searchSeconds = 0.012, double* correlation = nullptr);
} // namespace loopstage::align
