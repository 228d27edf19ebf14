#pragma once
/** Time constants and the attack/release smoothing of a gain reduction, shared by the
    compressor, the de-esser and the limiter's release. */
namespace loopstage::dsp
{
/** The one-pole coefficient that decays by 1/e in `ms` milliseconds at `sampleRate`:
    exp (-1 / (ms * rate / 1000)); 0 (no smoothing) for ms <= 0. */
double timeConstantCoefficient (double ms, double sampleRate) noexcept;

/** A gain reduction in dB (>= 0) that follows its target with the attack time constant while
    the target rises and the release one while it falls. Below 1e-9 dB it is exactly 0, so a
    processor can skip its gain once released. A value type: no allocation. */
class ReductionEnvelope
{
public:
    ReductionEnvelope (double attackMs, double releaseMs, double sampleRate) noexcept;

    /** Moves towards `targetDb` by one sample; returns the new reduction. @realtime */
    double process (double targetDb) noexcept
    {
        const double coeff = targetDb > smoothed ? attackCoeff : releaseCoeff;
        smoothed = targetDb + coeff * (smoothed - targetDb);
        if (smoothed < 1e-9)
            smoothed = 0.0;
        return smoothed;
    }

    /** The current reduction in dB, >= 0. */
    double value() const noexcept { return smoothed; }

private:
    double attackCoeff, releaseCoeff;
    double smoothed = 0.0;
};
} // namespace loopstage::dsp
