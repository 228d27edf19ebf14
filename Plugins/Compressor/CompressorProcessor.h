#pragma once
/** LoopStage Compressor: the engine's built-in "compressor" insert (engine::Compressor) as a
    VST3/LV2 plug-in, linked from Core so both give the same samples.

    Parameters as engine::CompressorSettings: threshold, ratio, knee, attack, release, make-up.
    No look-ahead, no latency. Mono or stereo (the detector is linked across channels).
    A parameter move rebuilds the compressor on the audio thread (a value type: no allocation),
    which restarts its gain-reduction smoothing from 0 dB: a move under heavy compression is
    heard as a short re-attack. State: the parameters as XML.
*/
#include "Engine/Processors/Compressor.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <array>
#include <atomic>
#include <optional>

namespace loopstage::plugins
{
class CompressorProcessor final : public juce::AudioProcessor
{
public:
    CompressorProcessor();

    const juce::String getName() const override { return JucePlugin_Name; }
    bool isBusesLayoutSupported (const BusesLayout& layouts) const override;
    void prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock) override;
    void releaseResources() override {}
    void reset() override;
    /** @realtime */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer& midi) override;

    double getTailLengthSeconds() const override { return 0.0; }
    bool acceptsMidi() const override { return false; }
    bool producesMidi() const override { return false; }
    bool hasEditor() const override { return true; }
    juce::AudioProcessorEditor* createEditor() override;

    int getNumPrograms() override { return 1; }
    int getCurrentProgram() override { return 0; }
    void setCurrentProgram (int) override {}
    const juce::String getProgramName (int) override { return {}; }
    void changeProgramName (int, const juce::String&) override {}

    void getStateInformation (juce::MemoryBlock& destData) override;
    void setStateInformation (const void* data, int sizeInBytes) override;

private:
    static constexpr int numParameters = 6;
    juce::AudioProcessorValueTreeState parameters;
    std::array<std::atomic<float>*, numParameters> values {};   // owned by `parameters`
    std::array<float, numParameters> applied {};
    std::optional<engine::Compressor> compressor;
    double rate = 48000.0;

    /** The settings the parameters hold now. @realtime */
    engine::CompressorSettings currentSettings() noexcept;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (CompressorProcessor)
};
} // namespace loopstage::plugins
