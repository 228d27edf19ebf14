#include "Dsp/KWeighting.h"
#include "Dsp/BiquadDesign.h"

namespace loopstage::dsp
{
void KWeighting::prepare (double sampleRate) noexcept
{
    shelf = kWeightingShelf (sampleRate);
    rlb = kWeightingHighPass (sampleRate);
    reset();
}

void KWeighting::reset() noexcept
{
    s1 = s2 = r1 = r2 = 0.0;
}

double KWeighting::process (double x) noexcept
{
    return rlb.process (shelf.process (x, s1, s2), r1, r2);
}

double KWeighting::sumOfSquares (const float* x, int n) noexcept
{
    // Locals so the compiler keeps the states in registers through the loop. The RLB stage's
    // numerator is exactly (1, -2, 1), written out so its three multiplications go (the
    // results are the same to the bit).
    const Biquad a = shelf, b = rlb;
    double p1 = s1, p2 = s2, q1 = r1, q2 = r2, sum = 0.0;
    for (int i = 0; i < n; ++i)
    {
        const double y1 = a.process (x[i], p1, p2);
        const double y2 = y1 + q1;
        q1 = -2.0 * y1 - b.a1 * y2 + q2;
        q2 = y1 - b.a2 * y2;
        sum += y2 * y2;
    }
    // Denormals would slow the loop to a crawl after silence.
    flushDenormal (p1);
    flushDenormal (p2);
    flushDenormal (q1);
    flushDenormal (q2);
    s1 = p1; s2 = p2; r1 = q1; r2 = q2;
    return sum;
}
} // namespace loopstage::dsp
