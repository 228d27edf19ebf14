#pragma once
/** A feed-forward compressor: peak detection linked across channels, a soft-knee gain computer
    in dB (Giannoulis, Massberg and Reiss, JAES 2012) and attack/release smoothing of the gain
    reduction, then make-up gain. No look-ahead, so no latency.

    The engine's built-in "compressor" insert and the LoopStage Compressor plug-in; its
    parameters are described once in ProcessorParameters.h.
*/
#include "Dsp/Envelope.h"

namespace loopstage::dsp
{
struct CompressorSettings
{
    double thresholdDb = -18.0;
    double ratio = 3.0;
    double kneeDb = 6.0;
    double attackMs = 5.0;
    double releaseMs = 80.0;
    double makeupDb = 0.0;
};

class Compressor
{
public:
    /** Throws InputError for a ratio below 1 or negative times. Not realtime. */
    Compressor (const CompressorSettings& settings, double sampleRate);

    /** @realtime */
    void process (float* const* channels, int numChannels, int count) noexcept;

    /** Gain reduction of the last sample, in dB (0 or negative). */
    double reductionDb() const noexcept { return -envelope.value(); }

private:
    CompressorSettings settings;
    ReductionEnvelope envelope;   ///< gain reduction in dB, >= 0
    double slope, makeup, floorLinear;

    double computeReduction (double levelDb) const noexcept;
};
} // namespace loopstage::dsp
