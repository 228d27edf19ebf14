// Dsp/Biquad and its designs: K-weighting against BS.1770's published 48 kHz coefficients, the
// filter's arithmetic, and the EQ bands' designed gains.
#include "Dsp/Biquad.h"
#include "Dsp/BiquadDesign.h"
#include "Dsp/KWeighting.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <complex>

using namespace loopstage::dsp;

namespace
{
double responseDb (const Biquad& f, double frequency, double rate)
{
    const auto z = std::polar (1.0, -2.0 * M_PI * frequency / rate);   // z^-1
    const auto h = (f.b0 + f.b1 * z + f.b2 * z * z) / (1.0 + f.a1 * z + f.a2 * z * z);
    return 20.0 * std::log10 (std::abs (h));
}
} // namespace

TEST_CASE ("K-weighting at 48 kHz is BS.1770-4's published filter", "[dsp]")
{
    // ITU-R BS.1770-4, Annex 1, Tables 1 and 2.
    const auto shelf = kWeightingShelf (48000.0);
    CHECK (shelf.b0 == Approx (1.53512485958697).margin (1e-8));
    CHECK (shelf.b1 == Approx (-2.69169618940638).margin (1e-8));
    CHECK (shelf.b2 == Approx (1.19839281085285).margin (1e-8));
    CHECK (shelf.a1 == Approx (-1.69065929318241).margin (1e-8));
    CHECK (shelf.a2 == Approx (0.73248077421585).margin (1e-8));
    const auto rlb = kWeightingHighPass (48000.0);
    CHECK (rlb.b0 == 1.0);
    CHECK (rlb.b1 == -2.0);
    CHECK (rlb.b2 == 1.0);
    CHECK (rlb.a1 == Approx (-1.99004745483398).margin (1e-8));
    CHECK (rlb.a2 == Approx (0.99007225036621).margin (1e-8));

    KWeighting k;
    k.prepare (48000.0);
    CHECK (k.preFilter().b0 == shelf.b0);
    CHECK (k.highPass().a2 == rlb.a2);
}

TEST_CASE ("K-weighting has the same curve at every rate", "[dsp]")
{
    for (double rate : { 44100.0, 88200.0, 96000.0 })
        for (double f : { 20.0, 100.0, 1000.0, 4000.0, 10000.0 })
        {
            const double at48 = responseDb (kWeightingShelf (48000.0), f, 48000.0) + responseDb (kWeightingHighPass (48000.0), f, 48000.0);
            const double here = responseDb (kWeightingShelf (rate), f, rate) + responseDb (kWeightingHighPass (rate), f, rate);
            CHECK (here == Approx (at48).margin (0.05));
        }
}

TEST_CASE ("a biquad runs in transposed direct form II", "[dsp]")
{
    const Biquad f { 0.5, 0.25, 0.125, -0.5, 0.25 };
    double z1 = 0, z2 = 0;
    // Impulse response by hand: y0 = b0; y1 = b1 - a1 y0; y2 = b2 - a1 y1 - a2 y0.
    const double y0 = f.process (1.0, z1, z2);
    const double y1 = f.process (0.0, z1, z2);
    const double y2 = f.process (0.0, z1, z2);
    CHECK (y0 == 0.5);
    CHECK (y1 == 0.25 + 0.5 * 0.5);
    CHECK (y2 == Approx (0.125 + 0.5 * y1 - 0.25 * y0));

    double tiny = 1e-31, small = 1e-29;
    flushDenormal (tiny);
    flushDenormal (small);
    CHECK (tiny == 0.0);
    CHECK (small == 1e-29);
}

TEST_CASE ("EQ band and band-pass designs have their designed gains", "[dsp]")
{
    CHECK (responseDb (designBand ({ EqBand::Type::peak, 1000.0, 6.0, 1.0 }, 48000.0), 1000.0, 48000.0) == Approx (6.0).margin (1e-9));
    CHECK (responseDb (designBand ({ EqBand::Type::highPass, 100.0, 0.0, M_SQRT1_2 }, 48000.0), 100.0, 48000.0) == Approx (-3.0103).margin (1e-3));
    CHECK (responseDb (designBand ({ EqBand::Type::lowShelf, 200.0, -6.0, 0.7071 }, 48000.0), 5.0, 48000.0) == Approx (-6.0).margin (0.01));
    CHECK (responseDb (designBand ({ EqBand::Type::highShelf, 5000.0, 4.0, 0.7071 }, 48000.0), 23000.0, 48000.0) == Approx (4.0).margin (0.05));
    CHECK (responseDb (designBandPass (6500.0, 1.5, 48000.0), 6500.0, 48000.0) == Approx (0.0).margin (1e-9));
    CHECK (responseDb (designBandPass (6500.0, 1.5, 48000.0), 300.0, 48000.0) < -20.0);
}
