#include "Dsp/DeEsser.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
DeEsser::DeEsser (const DeEsserSettings& s, double sampleRate) : settings (s)
{
    if (! (s.frequency > 0.0 && s.frequency < sampleRate / 2.0))
        throw InputError ("de-esser frequency must be between 0 and " + std::to_string (sampleRate / 2.0) + " Hz");
    if (! (s.q > 0.0) || ! (s.ratio >= 1.0))
        throw InputError ("de-esser Q must be positive and its ratio at least 1");
    const double w0 = 2.0 * M_PI * s.frequency / sampleRate;
    const double alpha = std::sin (w0) / (2.0 * s.q);
    const double a0 = 1.0 + alpha;
    b0 = alpha / a0;
    b2 = -alpha / a0;
    a1 = -2.0 * std::cos (w0) / a0;
    a2 = (1.0 - alpha) / a0;
    auto coefficient = [sampleRate] (double ms) { return ms <= 0 ? 0.0 : std::exp (-1.0 / (ms * 0.001 * sampleRate)); };
    attackCoeff = coefficient (s.attackMs);
    releaseCoeff = coefficient (s.releaseMs);
    slope = 1.0 - 1.0 / s.ratio;
    floorLinear = std::pow (10.0, s.thresholdDb / 20.0);
}

void DeEsser::process (float* const* channels, int numChannels, int count) noexcept
{
    const int n = std::min (numChannels, 6);
    for (int i = 0; i < count; ++i)
    {
        double band = 0.0;
        for (int c = 0; c < n; ++c)
        {
            auto& s = z[c];
            const double in = channels[c][i];
            const double out = b0 * in + s[0];
            s[0] = -a1 * out + s[1];
            s[1] = b2 * in - a2 * out;
            if (std::abs (s[0]) < 1e-30)
                s[0] = 0.0;
            if (std::abs (s[1]) < 1e-30)
                s[1] = 0.0;
            band = std::max (band, std::abs (out));
        }
        const double target = band > floorLinear ? slope * (20.0 * std::log10 (band) - settings.thresholdDb) : 0.0;
        smoothed = target + (target > smoothed ? attackCoeff : releaseCoeff) * (smoothed - target);
        if (smoothed < 1e-9)
            smoothed = 0.0;
        if (smoothed > 0.0)
        {
            const float gain = (float) std::pow (10.0, -smoothed / 20.0);
            for (int c = 0; c < numChannels; ++c)
                channels[c][i] *= gain;
        }
    }
}
} // namespace loopstage::dsp
