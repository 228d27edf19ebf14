#include "Dsp/Equaliser.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace loopstage::dsp
{
Equaliser::Equaliser (const std::vector<EqBand>& bands, int channels, double sampleRate) : numChannels (channels)
{
    if (bands.size() > 8)
        throw InputError ("an equaliser has at most 8 bands");
    for (const auto& band : bands)
    {
        if (! (band.frequency > 0.0 && band.frequency < sampleRate / 2.0))
            throw InputError ("equaliser band at " + std::to_string (band.frequency) + " Hz is outside 0.." + std::to_string (sampleRate / 2.0) + " Hz");
        if (! (band.q > 0.0))
            throw InputError ("equaliser band Q must be positive");
        const double w0 = 2.0 * M_PI * band.frequency / sampleRate;
        const double cosw = std::cos (w0), alpha = std::sin (w0) / (2.0 * band.q);
        const double a = std::pow (10.0, band.gainDb / 40.0);
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
        sections.push_back ({ b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0 });
    }
    state.assign ((size_t) channels * sections.size(), { 0.0, 0.0 });
}

void Equaliser::process (float* const* channels, int channelCount, int count) noexcept
{
    const size_t n = sections.size();
    for (int c = 0; c < std::min (channelCount, numChannels); ++c)
    {
        float* x = channels[c];
        for (size_t s = 0; s < n; ++s)
        {
            const auto k = sections[s];
            auto z = state[(size_t) c * n + s];
            for (int i = 0; i < count; ++i)
            {
                // Transposed direct form II.
                const double in = x[i];
                const double out = k.b0 * in + z[0];
                z[0] = k.b1 * in - k.a1 * out + z[1];
                z[1] = k.b2 * in - k.a2 * out;
                // Flush tiny state per sample (not per block, which would make the output
                // depend on block size) so a long silence never reaches denormals.
                if (std::abs (z[0]) < 1e-30)
                    z[0] = 0.0;
                if (std::abs (z[1]) < 1e-30)
                    z[1] = 0.0;
                x[i] = (float) out;
            }
            state[(size_t) c * n + s] = z;
        }
    }
}
} // namespace loopstage::dsp
