#pragma once
/** LoopStage Compressor: the engine's built-in "compressor" insert (engine::Compressor) as a
    VST3/LV2 plug-in, linked from Core so both give the same samples.

    Parameters as engine::CompressorSettings: threshold, ratio, knee, attack, release, make-up.
    No look-ahead, no latency. Mono or stereo (the detector is linked across channels).
    A parameter move rebuilds the compressor on the audio thread (a value type: no allocation),
    which restarts its gain-reduction smoothing from 0 dB: a move under heavy compression is
    heard as a short re-attack. State: the parameters as XML.
*/
#include "Common/EffectProcessor.h"
#include "Engine/Processors/Compressor.h"

#include <array>
#include <atomic>
#include <optional>

namespace loopstage::plugins
{
class CompressorProcessor final : public EffectProcessor
{
public:
    CompressorProcessor();

    void prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock) override;
    void reset() override;
    /** @realtime */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override;

private:
    static constexpr int numParameters = 6;
    std::array<std::atomic<float>*, numParameters> values {};   // owned by `parameters`
    std::array<float, numParameters> applied {};
    std::optional<engine::Compressor> compressor;
    double rate = 48000.0;

    /** The settings the parameters hold now. @realtime */
    engine::CompressorSettings currentSettings() noexcept;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (CompressorProcessor)
};
} // namespace loopstage::plugins
