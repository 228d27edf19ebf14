#include "Dsp/DeEsser.h"
#include "Base/Error.h"
#include "Dsp/BiquadDesign.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
DeEsser::DeEsser (const DeEsserSettings& s, double sampleRate)
    : settings (s), envelope (s.attackMs, s.releaseMs, sampleRate)
{
    if (! (s.frequency > 0.0 && s.frequency < sampleRate / 2.0))
        throw InputError ("de-esser frequency must be between 0 and " + std::to_string (sampleRate / 2.0) + " Hz");
    if (! (s.q > 0.0) || ! (s.ratio >= 1.0))
        throw InputError ("de-esser Q must be positive and its ratio at least 1");
    band = designBandPass (s.frequency, s.q, sampleRate);
    slope = 1.0 - 1.0 / s.ratio;
    floorLinear = dbToGain (s.thresholdDb);
}

void DeEsser::process (float* const* channels, int numChannels, int count) noexcept
{
    const int n = std::min (numChannels, 6);
    for (int i = 0; i < count; ++i)
    {
        double level = 0.0;
        for (int c = 0; c < n; ++c)
        {
            auto& s = z[c];
            const double out = band.processNoB1 (channels[c][i], s[0], s[1]);
            flushDenormal (s[0]);
            flushDenormal (s[1]);
            level = std::max (level, std::abs (out));
        }
        const double target = level > floorLinear ? slope * (gainToDb (level) - settings.thresholdDb) : 0.0;
        const double smoothed = envelope.process (target);
        if (smoothed > 0.0)
        {
            const float gain = (float) dbToGain (-smoothed);
            for (int c = 0; c < numChannels; ++c)
                channels[c][i] *= gain;
        }
    }
}
} // namespace loopstage::dsp
