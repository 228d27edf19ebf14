#include "Dsp/Compressor.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
Compressor::Compressor (const CompressorSettings& s, double sampleRate) : settings (s)
{
    if (! (s.ratio >= 1.0))
        throw InputError ("compressor ratio must be at least 1");
    if (s.attackMs < 0 || s.releaseMs < 0 || s.kneeDb < 0)
        throw InputError ("compressor attack, release and knee must not be negative");
    auto coefficient = [sampleRate] (double ms) { return ms <= 0 ? 0.0 : std::exp (-1.0 / (ms * 0.001 * sampleRate)); };
    attackCoeff = coefficient (s.attackMs);
    releaseCoeff = coefficient (s.releaseMs);
    slope = 1.0 - 1.0 / s.ratio;
    makeup = std::pow (10.0, s.makeupDb / 20.0);
    // Below this level no reduction is possible: the logarithm is skipped (most samples).
    floorLinear = std::pow (10.0, (s.thresholdDb - s.kneeDb / 2.0) / 20.0);
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
        const double target = peak > floorLinear ? computeReduction (20.0 * std::log10 (peak)) : 0.0;
        const double coeff = target > smoothed ? attackCoeff : releaseCoeff;
        smoothed = target + coeff * (smoothed - target);
        if (smoothed < 1e-9)
            smoothed = 0.0;
        const float gain = (float) (smoothed == 0.0 ? makeup : makeup * std::pow (10.0, -smoothed / 20.0));
        if (gain != 1.0f)
            for (int c = 0; c < numChannels; ++c)
                channels[c][i] *= gain;
    }
}
} // namespace loopstage::dsp
