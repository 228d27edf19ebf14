#include "Dsp/KWeighting.h"

#include <cmath>

namespace loopstage::dsp
{
void KWeighting::prepare (double sampleRate) noexcept
{
    const double pi = 3.14159265358979323846;
    {
        // BS.1770 stage 1 as an analogue high shelf (parameters fitted to the 48 kHz table).
        const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
        const double k = std::tan (pi * f0 / sampleRate);
        const double vh = std::pow (10.0, gainDb / 20.0);
        const double vb = std::pow (vh, 0.4996667741545416);
        const double a0 = 1.0 + k / q + k * k;
        shelf.b0 = (vh + vb * k / q + k * k) / a0;
        shelf.b1 = 2.0 * (k * k - vh) / a0;
        shelf.b2 = (vh - vb * k / q + k * k) / a0;
        shelf.a1 = 2.0 * (k * k - 1.0) / a0;
        shelf.a2 = (1.0 - k / q + k * k) / a0;
    }
    {
        // Stage 2, the RLB high-pass.
        const double f0 = 38.13547087602444, q = 0.5003270373238773;
        const double k = std::tan (pi * f0 / sampleRate);
        const double a0 = 1.0 + k / q + k * k;
        rlb.b0 = 1.0;
        rlb.b1 = -2.0;
        rlb.b2 = 1.0;
        rlb.a1 = 2.0 * (k * k - 1.0) / a0;
        rlb.a2 = (1.0 - k / q + k * k) / a0;
    }
    reset();
}

void KWeighting::reset() noexcept
{
    s1 = s2 = r1 = r2 = 0.0;
}

double KWeighting::process (double x) noexcept
{
    const double y1 = shelf.b0 * x + s1;
    s1 = shelf.b1 * x - shelf.a1 * y1 + s2;
    s2 = shelf.b2 * x - shelf.a2 * y1;
    const double y2 = rlb.b0 * y1 + r1;
    r1 = rlb.b1 * y1 - rlb.a1 * y2 + r2;
    r2 = rlb.b2 * y1 - rlb.a2 * y2;
    return y2;
}

double KWeighting::sumOfSquares (const float* x, int n) noexcept
{
    // Locals so the compiler keeps the states in registers through the loop.
    const Biquad a = shelf, b = rlb;
    double p1 = s1, p2 = s2, q1 = r1, q2 = r2, sum = 0.0;
    for (int i = 0; i < n; ++i)
    {
        const double in = x[i];
        const double y1 = a.b0 * in + p1;
        p1 = a.b1 * in - a.a1 * y1 + p2;
        p2 = a.b2 * in - a.a2 * y1;
        const double y2 = y1 + q1;
        q1 = -2.0 * y1 - b.a1 * y2 + q2;
        q2 = y1 - b.a2 * y2;
        sum += y2 * y2;
    }
    // Denormals would slow the loop to a crawl after silence.
    if (std::fabs (p1) < 1e-30) p1 = 0;
    if (std::fabs (p2) < 1e-30) p2 = 0;
    if (std::fabs (q1) < 1e-30) q1 = 0;
    if (std::fabs (q2) < 1e-30) q2 = 0;
    s1 = p1; s2 = p2; r1 = q1; r2 = q2;
    return sum;
}
} // namespace loopstage::dsp
