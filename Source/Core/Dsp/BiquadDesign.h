#pragma once
/** Biquad designs: the RBJ "Audio EQ Cookbook" shapes of the equaliser and the de-esser's band,
    and the two K-weighting stages of ITU-R BS.1770-4.

    BS.1770 publishes K-weighting coefficients at 48 kHz only; like libebur128 we derive them from
    the analogue prototype's parameters (f0, gain, Q) with the bilinear transform, so every rate
    gets the same curve (and 48 kHz reproduces the published table). Not realtime (trigonometry);
    design in prepare, filter on the audio thread.
*/
#include "Dsp/Biquad.h"
#include "Dsp/EqBand.h"

namespace loopstage::dsp
{
/** The band's RBJ biquad at `sampleRate` (frequency inside (0, Nyquist), q > 0: the caller
    checks). */
Biquad designBand (const EqBand& band, double sampleRate) noexcept;

/** RBJ band-pass with a constant 0 dB peak gain at `frequency` (b1 = 0: Biquad::processNoB1). */
Biquad designBandPass (double frequency, double q, double sampleRate) noexcept;

/** K-weighting stage 1: the high-shelf "pre-filter" (+4 dB above ~1.5 kHz, the head). */
Biquad kWeightingShelf (double sampleRate) noexcept;

/** K-weighting stage 2: the RLB high-pass (~38 Hz); b0, b1, b2 are exactly 1, -2, 1. */
Biquad kWeightingHighPass (double sampleRate) noexcept;
} // namespace loopstage::dsp
