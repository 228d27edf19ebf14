#include "Dsp/Compressor.h"
#include "Base/Error.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
Compressor::Compressor (const CompressorSettings& s, double sampleRate)
    : settings (s), envelope (s.attackMs, s.releaseMs, sampleRate)
{
    if (! (s.ratio >= 1.0))
        throw InputError ("compressor ratio must be at least 1");
    if (s.attackMs < 0 || s.releaseMs < 0 || s.kneeDb < 0)
        throw InputError ("compressor attack, release and knee must not be negative");
    slope = 1.0 - 1.0 / s.ratio;
    makeup = dbToGain (s.makeupDb);
    // Below this level no reduction is possible: the logarithm is skipped (most samples).
    floorLinear = dbToGain (s.thresholdDb - s.kneeDb / 2.0);
}

double Compressor::computeReduction (double levelDb) const noexcept
{
    const double over = levelDb - settings.thresholdDb;
    const double halfKnee = settings.kneeDb / 2.0;
    if (over <= -halfKnee)
        return 0.0;
    if (over < halfKnee)
        return slope * (over + halfKnee) * (over + halfKnee) / (2.0 * settings.kneeDb);
    return slope * over;
}

void Compressor::process (float* const* channels, int numChannels, int count) noexcept
{
    for (int i = 0; i < count; ++i)
    {
        double peak = 0.0;
        for (int c = 0; c < numChannels; ++c)
            peak = std::max (peak, (double) std::abs (channels[c][i]));
        const double target = peak > floorLinear ? computeReduction (gainToDb (peak)) : 0.0;
        const double smoothed = envelope.process (target);
        const float gain = (float) (smoothed == 0.0 ? makeup : makeup * dbToGain (-smoothed));
        if (gain != 1.0f)
            for (int c = 0; c < numChannels; ++c)
                channels[c][i] *= gain;
    }
}
} // namespace loopstage::dsp
