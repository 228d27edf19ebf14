#pragma once
/** The pieces of a Kaiser-windowed sinc FIR, shared by the true-peak oversampler (Oversampler.h)
    and the aligner's resampler (Align/Resample.h).

    Each designer keeps its own order of multiplications and divisions (the coefficients' last
    bits depend on it, and tests and deliveries were measured with them), so these are the
    building blocks, not one filter function.
*/
namespace loopstage::dsp
{
/** I0(x), the modified Bessel function of the first kind of order 0, by its power series (at
    most 49 terms). With `relativeTolerance` > 0 the series stops once a term falls below that
    fraction of the sum (the resampler stops at 1e-12; the oversampler sums all terms). */
double besselI0 (double x, double relativeTolerance = 0.0) noexcept;

/** I0(beta * sqrt(1 - r^2)) for r in [-1, 1]: the Kaiser window before its division by
    I0(beta), which the caller does in its own order. */
double kaiserUnscaled (double r, double beta, double relativeTolerance = 0.0) noexcept;

/** sin(x) / x (x in radians), 1 for |x| < 1e-12. */
double sinc (double x) noexcept;
} // namespace loopstage::dsp
