#include "Dsp/WindowedSinc.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
double besselI0 (double x, double relativeTolerance) noexcept
{
    double sum = 1.0, term = 1.0;
    for (int k = 1; k < 50; ++k)
    {
        term *= (x / (2.0 * k)) * (x / (2.0 * k));
        sum += term;
        if (term < relativeTolerance * sum)   // never true for 0: terms are not negative
            break;
    }
    return sum;
}

double kaiserUnscaled (double r, double beta, double relativeTolerance) noexcept
{
    return besselI0 (beta * std::sqrt (std::max (0.0, 1.0 - r * r)), relativeTolerance);
}

double sinc (double x) noexcept
{
    return std::abs (x) < 1e-12 ? 1.0 : std::sin (x) / x;
}
} // namespace loopstage::dsp
