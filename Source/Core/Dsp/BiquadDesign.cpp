#include "Dsp/BiquadDesign.h"
#include "Dsp/Decibels.h"

#include <cmath>

namespace loopstage::dsp
{
Biquad designBand (const EqBand& band, double sampleRate) noexcept
{
    const double w0 = 2.0 * M_PI * band.frequency / sampleRate;
    const double cosw = std::cos (w0), alpha = std::sin (w0) / (2.0 * band.q);
    // The cookbook's A = 10^(gain / 40), the square root of the gain (halving is exact).
    const double a = dbToGain (band.gainDb / 2.0);
    double b0 = 1, b1 = 0, b2 = 0, a0 = 1, a1 = 0, a2 = 0;
    switch (band.type)
    {
        case EqBand::Type::highPass:
            b0 = (1 + cosw) / 2; b1 = -(1 + cosw); b2 = (1 + cosw) / 2;
            a0 = 1 + alpha; a1 = -2 * cosw; a2 = 1 - alpha;
            break;
        case EqBand::Type::lowPass:
            b0 = (1 - cosw) / 2; b1 = 1 - cosw; b2 = (1 - cosw) / 2;
            a0 = 1 + alpha; a1 = -2 * cosw; a2 = 1 - alpha;
            break;
        case EqBand::Type::peak:
            b0 = 1 + alpha * a; b1 = -2 * cosw; b2 = 1 - alpha * a;
            a0 = 1 + alpha / a; a1 = -2 * cosw; a2 = 1 - alpha / a;
            break;
        case EqBand::Type::lowShelf:
        {
            const double s = 2 * std::sqrt (a) * alpha;
            b0 = a * ((a + 1) - (a - 1) * cosw + s); b1 = 2 * a * ((a - 1) - (a + 1) * cosw); b2 = a * ((a + 1) - (a - 1) * cosw - s);
            a0 = (a + 1) + (a - 1) * cosw + s; a1 = -2 * ((a - 1) + (a + 1) * cosw); a2 = (a + 1) + (a - 1) * cosw - s;
            break;
        }
        case EqBand::Type::highShelf:
        {
            const double s = 2 * std::sqrt (a) * alpha;
            b0 = a * ((a + 1) + (a - 1) * cosw + s); b1 = -2 * a * ((a - 1) + (a + 1) * cosw); b2 = a * ((a + 1) + (a - 1) * cosw - s);
            a0 = (a + 1) - (a - 1) * cosw + s; a1 = 2 * ((a - 1) - (a + 1) * cosw); a2 = (a + 1) - (a - 1) * cosw - s;
            break;
        }
    }
    return { b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0 };
}

Biquad designBandPass (double frequency, double q, double sampleRate) noexcept
{
    const double w0 = 2.0 * M_PI * frequency / sampleRate;
    const double alpha = std::sin (w0) / (2.0 * q);
    const double a0 = 1.0 + alpha;
    return { alpha / a0, 0.0, -alpha / a0, -2.0 * std::cos (w0) / a0, (1.0 - alpha) / a0 };
}

Biquad kWeightingShelf (double sampleRate) noexcept
{
    // Parameters fitted to the 48 kHz table (libebur128's derivation).
    const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
    const double k = std::tan (M_PI * f0 / sampleRate);
    const double vh = dbToGain (gainDb);
    const double vb = std::pow (vh, 0.4996667741545416);
    const double a0 = 1.0 + k / q + k * k;
    return { (vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
             2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0 };
}

Biquad kWeightingHighPass (double sampleRate) noexcept
{
    const double f0 = 38.13547087602444, q = 0.5003270373238773;
    const double k = std::tan (M_PI * f0 / sampleRate);
    const double a0 = 1.0 + k / q + k * k;
    return { 1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0 };
}
} // namespace loopstage::dsp
