#pragma once
/** A de-esser: a compressor keyed by the sibilance band only. A band-pass (RBJ, constant 0 dB
    peak gain) around `frequency` feeds a peak detector linked across channels; above the
    threshold the whole signal is turned down by (over × (1 − 1/ratio)) dB, smoothed with a fast
    attack and a short release. Broadband, no latency.

    The engine's built-in "deesser" insert and the LoopStage De-Esser plug-in; its parameters
    are described once in ProcessorParameters.h.
*/
#include "Dsp/Biquad.h"
#include "Dsp/Envelope.h"

namespace loopstage::dsp
{
struct DeEsserSettings
{
    double frequency = 6500.0;   ///< centre of the sibilance band, Hz
    double q = 1.5;
    double thresholdDb = -30.0;  ///< band level where reduction starts
    double ratio = 4.0;
    double attackMs = 0.5;
    double releaseMs = 40.0;
};

class DeEsser
{
public:
    /** Throws InputError for a frequency outside (0, Nyquist), a non-positive Q or a ratio
        below 1. Not realtime. */
    DeEsser (const DeEsserSettings& settings, double sampleRate);

    /** @realtime */
    void process (float* const* channels, int numChannels, int count) noexcept;

    /** Gain reduction of the last sample, in dB (0 or negative). */
    double reductionDb() const noexcept { return -envelope.value(); }

private:
    DeEsserSettings settings;
    ReductionEnvelope envelope;
    Biquad band;                 ///< the detector's band-pass
    double z[6][2] {};
    double slope, floorLinear;
};
} // namespace loopstage::dsp
