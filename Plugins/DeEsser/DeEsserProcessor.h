#pragma once
/** LoopStage De-Esser: the engine's built-in "deesser" insert (engine::DeEsser) as a VST3/LV2
    plug-in, linked from Core so both give the same samples.

    Parameters as engine::DeEsserSettings: frequency, Q, threshold, ratio, attack, release.
    No latency. Mono or stereo (the detector is linked across channels). A parameter move
    rebuilds the de-esser on the audio thread (a value type: no allocation), which restarts its
    band filter and gain smoothing: a move is heard as a short re-attack. State: the parameters
    as XML.
*/
#include "Common/EffectProcessor.h"
#include "Engine/Processors/DeEsser.h"

#include <array>
#include <atomic>
#include <optional>

namespace loopstage::plugins
{
class DeEsserProcessor final : public EffectProcessor
{
public:
    DeEsserProcessor();

    void prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock) override;
    void reset() override;
    /** @realtime */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override;

private:
    static constexpr int numParameters = 6;
    std::array<std::atomic<float>*, numParameters> values {};   // owned by `parameters`
    std::array<float, numParameters> applied {};
    std::optional<engine::DeEsser> deesser;
    double rate = 48000.0;

    /** The settings the parameters hold now, the frequency kept below Nyquist. @realtime */
    engine::DeEsserSettings currentSettings() noexcept;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (DeEsserProcessor)
};
} // namespace loopstage::plugins
