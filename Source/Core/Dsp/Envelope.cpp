#include "Dsp/Envelope.h"

#include <cmath>

namespace loopstage::dsp
{
double timeConstantCoefficient (double ms, double sampleRate) noexcept
{
    return ms <= 0 ? 0.0 : std::exp (-1.0 / (ms * 0.001 * sampleRate));
}

ReductionEnvelope::ReductionEnvelope (double attackMs, double releaseMs, double sampleRate) noexcept
    : attackCoeff (timeConstantCoefficient (attackMs, sampleRate)),
      releaseCoeff (timeConstantCoefficient (releaseMs, sampleRate))
{
}
} // namespace loopstage::dsp
