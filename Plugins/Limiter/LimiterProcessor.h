#pragma once
/** LoopStage True-Peak Limiter: the delivery limiter (dsp::TruePeakLimiter, the engine's
    built-in "limiter" insert) as a VST3/LV2 plug-in. A thin juce::AudioProcessor: the DSP is
    linked from Core, so the plug-in and the insert give the same samples.

    Parameters (dsp::limiterParameters): ceiling (dBTP, the output's 16x oversampled peak stays
    at or below it) and release (ms); both follow automation on the audio thread. The look-ahead
    is fixed at the insert's default, 5 ms, and reported to the host as latency (setLatencySamples) so its delay
    compensation lines the limited track up with the others. Mono or stereo, input = output.
    State: the parameters as XML (AudioProcessorValueTreeState).
*/
#include "Common/EffectProcessor.h"
#include "Dsp/TruePeakLimiter.h"

#include <atomic>
#include <vector>

namespace loopstage::plugins
{
class LimiterProcessor final : public EffectProcessor
{
public:
    /** The insert's default look-ahead; fixed, so is the latency. */
    static constexpr double lookaheadMs = dsp::LimiterSettings {}.lookaheadMs;

    LimiterProcessor();

    void prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock) override;
    void reset() override;
    /** @realtime */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override;
    /** Bypassed, the audio is still delayed by the reported latency so it stays aligned. @realtime */
    void processBlockBypassed (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override;

private:
    std::atomic<float>* ceilingDb = nullptr;   // owned by `parameters`
    std::atomic<float>* releaseMs = nullptr;
    dsp::TruePeakLimiter limiter;
    double rate = 48000.0;
    int blockSize = 0, channels = 0;
    float appliedCeiling = 0.0f, appliedRelease = 0.0f;
    std::vector<std::vector<float>> bypassDelay;   // per channel: latency samples
    int bypassPos = 0;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (LimiterProcessor)
};
} // namespace loopstage::plugins
