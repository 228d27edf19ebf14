#pragma once
/** A plug-in around a Core processor made from a settings value (dsp::Compressor,
    dsp::DeEsser): the parameters, in `ids` order, make the settings; a parameter move
    rebuilds the processor on the audio thread (a value type: no allocation), which restarts its
    filters and gain smoothing (a move is heard as a short re-attack). No latency.

    A plug-in derives, passes its layout and ids, and says how values become settings.
*/
#include "Common/EffectProcessor.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <optional>

namespace loopstage::plugins
{
template <typename Dsp, typename Settings, size_t numParameters>
class SettingsProcessor : public EffectProcessor
{
public:
    using Values = std::array<float, numParameters>;

    SettingsProcessor (const juce::Identifier& stateType, juce::AudioProcessorValueTreeState::ParameterLayout layout,
                       const std::array<const char*, numParameters>& ids)
        : EffectProcessor (stateType, std::move (layout))
    {
        for (size_t i = 0; i < numParameters; ++i)
            values[i] = parameters.getRawParameterValue (ids[i]);
    }

    void prepareToPlay (double sampleRate, int) override
    {
        rate = sampleRate;
        rebuild();
        setLatencySamples (0);
    }

    void reset() override
    {
        if (dsp)
            rebuild();
    }

    /** @realtime */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&) override
    {
        if (! dsp)
            return;
        bool changed = false;
        for (size_t i = 0; i < numParameters; ++i)
            changed = changed || values[i]->load() != applied[i];
        if (changed)   // the ranges keep every setting valid: the constructor cannot throw here
            rebuild();
        dsp->process (buffer.getArrayOfWritePointers(), std::min (buffer.getNumChannels(), 2), buffer.getNumSamples());
    }

protected:
    /** The settings parameter values `v` make at `sampleRate`. @realtime */
    virtual Settings settingsFrom (const Values& v, double sampleRate) const noexcept = 0;

private:
    std::array<std::atomic<float>*, numParameters> values {};   // owned by `parameters`
    Values applied {};
    std::optional<Dsp> dsp;
    double rate = 48000.0;

    void rebuild() noexcept
    {
        for (size_t i = 0; i < numParameters; ++i)
            applied[i] = values[i]->load();
        dsp.emplace (settingsFrom (applied, rate), rate);
    }

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsProcessor)
};
} // namespace loopstage::plugins
