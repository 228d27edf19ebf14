#pragma once
/** What every LoopStage plug-in shares: a mono or stereo insert effect (input = output) whose
    parameters live in an AudioProcessorValueTreeState, saved and restored as XML, shown by
    JUCE's generic editor, with no MIDI and no programs. A plug-in derives from it and
    supplies the layout, prepareToPlay() and processBlock().
*/
#include <juce_audio_processors/juce_audio_processors.h>

namespace loopstage::plugins
{
class EffectProcessor : public juce::AudioProcessor
{
public:
    /** `stateType` names the saved XML's root (one per plug-in). */
    EffectProcessor (const juce::Identifier& stateType, juce::AudioProcessorValueTreeState::ParameterLayout layout)
        : AudioProcessor (BusesProperties()
                              .withInput ("Input", juce::AudioChannelSet::stereo(), true)
                              .withOutput ("Output", juce::AudioChannelSet::stereo(), true)),
          parameters (*this, nullptr, stateType, std::move (layout))
    {
    }

    const juce::String getName() const override { return JucePlugin_Name; }
    bool isBusesLayoutSupported (const BusesLayout& layouts) const override
    {
        const auto out = layouts.getMainOutputChannelSet();
        return layouts.getMainInputChannelSet() == out
               && (out == juce::AudioChannelSet::mono() || out == juce::AudioChannelSet::stereo());
    }
    void releaseResources() override {}

    double getTailLengthSeconds() const override { return 0.0; }
    bool acceptsMidi() const override { return false; }
    bool producesMidi() const override { return false; }
    bool hasEditor() const override { return true; }
    juce::AudioProcessorEditor* createEditor() override { return new juce::GenericAudioProcessorEditor (*this); }

    int getNumPrograms() override { return 1; }
    int getCurrentProgram() override { return 0; }
    void setCurrentProgram (int) override {}
    const juce::String getProgramName (int) override { return {}; }
    void changeProgramName (int, const juce::String&) override {}

    void getStateInformation (juce::MemoryBlock& destData) override
    {
        if (auto xml = parameters.copyState().createXml())
            copyXmlToBinary (*xml, destData);
    }
    void setStateInformation (const void* data, int sizeInBytes) override
    {
        if (auto xml = getXmlFromBinary (data, sizeInBytes); xml != nullptr && xml->hasTagName (parameters.state.getType()))
            parameters.replaceState (juce::ValueTree::fromXml (*xml));
    }

protected:
    juce::AudioProcessorValueTreeState parameters;
};
} // namespace loopstage::plugins
