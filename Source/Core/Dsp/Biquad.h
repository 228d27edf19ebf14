#pragma once
/** One second-order IIR section, the filter every LoopStage EQ band, band-pass and K-weighting
    stage is made of (designs: BiquadDesign.h). Coefficients are normalised (a0 = 1) and run in
    double: a pole close to z = 1 (the K-weighting high-pass, a low EQ band) would drift by
    hundredths of a dB in single precision.
*/
#include <cmath>

namespace loopstage::dsp
{
struct Biquad
{
    double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;

    /** One sample in transposed direct form II; `z1`, `z2` are the caller's state (callers keep
        state in their own layout, per channel and section). @realtime */
    double process (double in, double& z1, double& z2) const noexcept
    {
        const double out = b0 * in + z1;
        z1 = b1 * in - a1 * out + z2;
        z2 = b2 * in - a2 * out;
        return out;
    }

    /** process() for a section whose b1 is 0 (a band-pass): one multiply and subtract fewer per
        sample on the de-esser's detector, and the arithmetic it always had. @realtime */
    double processNoB1 (double in, double& z1, double& z2) const noexcept
    {
        const double out = b0 * in + z1;
        z1 = -a1 * out + z2;
        z2 = b2 * in - a2 * out;
        return out;
    }
};

/** Sets a filter state that has decayed below 1e-30 to 0, so a long silence never reaches
    denormals (slow on x86). Callers flush per sample where the result must not depend on the
    block size. @realtime */
inline void flushDenormal (double& z) noexcept
{
    if (std::abs (z) < 1e-30)
        z = 0.0;
}
} // namespace loopstage::dsp
