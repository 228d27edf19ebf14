#pragma once
/** The K-weighting filter of ITU-R BS.1770-4: a high-shelf "pre-filter" (+4 dB above ~1.5 kHz,
    the head's acoustic effect) followed by the RLB high-pass (~38 Hz).

    The standard gives coefficients at 48 kHz only; like libebur128 we derive them from the
    analogue prototype's parameters (f0, gain, Q) with the bilinear transform, so 44.1, 88.2 and
    96 kHz (and any other rate) get the same curve. Runs in double: the RLB pole sits close to
    z = 1 and single precision would make a 40 Hz error of several hundredths of a dB.
*/
namespace loopstage::dsp
{
struct Biquad
{
    double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
};

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
