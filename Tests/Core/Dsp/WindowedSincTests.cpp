// Dsp/WindowedSinc: the one besselI0 (two stopping rules) and the sinc.
#include "Dsp/WindowedSinc.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage::dsp;

TEST_CASE ("besselI0 matches the function's known values", "[dsp]")
{
    // Abramowitz and Stegun, table 9.8 (I0(x) at x = 1, 5, 10), and I0(0) = 1.
    CHECK (besselI0 (0.0) == 1.0);
    CHECK (besselI0 (1.0) == Approx (1.266065877752008).epsilon (1e-15));
    CHECK (besselI0 (5.0) == Approx (27.23987182360445).epsilon (1e-14));
    CHECK (besselI0 (10.0) == Approx (2815.716628466254).epsilon (1e-14));
    // The resampler's early stop changes only the last bits.
    for (double x : { 1.0, 7.0, 9.0 })
        CHECK (besselI0 (x, 1e-12) == Approx (besselI0 (x)).epsilon (1e-11));
}

TEST_CASE ("the early stop is the one the resampler always had", "[dsp]")
{
    // Reference: the series with the stop written out, as Align/Resample.cpp had it.
    auto stopped = [] (double x)
    {
        double sum = 1.0, term = 1.0;
        for (int k = 1; k < 50; ++k)
        {
            term *= (x / (2.0 * k)) * (x / (2.0 * k));
            sum += term;
            if (term < 1e-12 * sum)
                break;
        }
        return sum;
    };
    for (double x = 0.0; x <= 9.0; x += 0.173)
        CHECK (besselI0 (x, 1e-12) == stopped (x));
}

TEST_CASE ("Kaiser window and sinc", "[dsp]")
{
    CHECK (kaiserUnscaled (0.0, 7.0) == besselI0 (7.0));
    CHECK (kaiserUnscaled (1.0, 7.0) == 1.0);
    CHECK (kaiserUnscaled (-0.5, 7.0) == kaiserUnscaled (0.5, 7.0));
    CHECK (sinc (0.0) == 1.0);
    CHECK (sinc (M_PI) == Approx (0.0).margin (1e-15));
    CHECK (sinc (M_PI / 2.0) == Approx (2.0 / M_PI));
}
