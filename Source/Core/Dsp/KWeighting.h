#pragma once
/** The K-weighting filter of ITU-R BS.1770-4: a high-shelf "pre-filter" (+4 dB above ~1.5 kHz,
    the head's acoustic effect) followed by the RLB high-pass (~38 Hz), designed for any rate by
    BiquadDesign.h. Runs in double: the RLB pole sits close to z = 1 and single precision would
    make a 40 Hz error of several hundredths of a dB.
*/
#include "Dsp/Biquad.h"

namespace loopstage::dsp
{
class KWeighting
{
public:
    /** Computes coefficients for `sampleRate` (Hz) and clears the state. */
    void prepare (double sampleRate) noexcept;
    void reset() noexcept;

    /** Filters `n` samples and returns the sum of the squared outputs. @realtime */
    double sumOfSquares (const float* x, int n) noexcept;

    /** One sample through both stages (tests, the speech detector). @realtime */
    double process (double x) noexcept;

    const Biquad& preFilter() const noexcept { return shelf; }
    const Biquad& highPass() const noexcept { return rlb; }

private:
    Biquad shelf, rlb;
    double s1 = 0, s2 = 0, r1 = 0, r2 = 0; // transposed direct form II states
};
} // namespace loopstage::dsp
