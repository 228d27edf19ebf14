#pragma once
/** A plug-in around a Core processor made from a settings value (dsp::Compressor,
    dsp::DeEsser): its parameter table (Dsp/ProcessorParameters.h) gives the layout, and the
    parameters, in table order, make the settings; a parameter move rebuilds the processor on
    the audio thread (a value type: no allocation), which restarts its filters and gain smoothing
    (a move is heard as a short re-attack). No latency.

    A plug-in derives and passes its table; it may adjust how values become settings.
*/
#include "Common/EffectProcessor.h"
#include "Common/ParameterLayout.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <optional>

namespace loopstage::plugins
{
template <typename Processor, typename Settings, size_t numParameters>
class SettingsProcessor : public EffectProcessor
{
public:
    using Values = std::array<float, numParameters>;
    using Table = std::array<dsp::SettingSpec<Settings>, numParameters>;

    /** `table` must outlive the processor (the tables are constants). */
    SettingsProcessor (const juce::Identifier& stateType, const Table& parameterTable)
        : EffectProcessor (stateType, parameterLayout (parameterTable)), table (parameterTable)
    {
        for (size_t i = 0; i < numParameters; ++i)
            values[i] = parameters.getRawParameterValue (table[i].spec.plugin.id);
    }

    void prepareToPlay (double sampleRate, int) override
    {
        rate = sampleRate;
        rebuild();
        setLatencySamples (0);
    }

    void reset() override
    {
        if (processor)
            rebuild();
    }

    /** @realtime */
    void processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&) override
    {
        if (! processor)
            return;
        bool changed = false;
        for (size_t i = 0; i < numParameters; ++i)
            changed = changed || values[i]->load() != applied[i];
        if (changed)   // the ranges keep every setting valid: the constructor cannot throw here
            rebuild();
        processor->process (buffer.getArrayOfWritePointers(), std::min (buffer.getNumChannels(), 2), buffer.getNumSamples());
    }

protected:
    /** The settings parameter values `v` make at `sampleRate`: by default each value sets its
        table entry's field. @realtime */
    virtual Settings settingsFrom (const Values& v, double sampleRate) const noexcept
    {
        return dsp::settingsFrom<Settings> (table, v);
    }

private:
    const Table& table;
    std::array<std::atomic<float>*, numParameters> values {};   // owned by `parameters`
    Values applied {};
    std::optional<Processor> processor;
    double rate = 48000.0;

    void rebuild() noexcept
    {
        for (size_t i = 0; i < numParameters; ++i)
            applied[i] = values[i]->load();
        processor.emplace (settingsFrom (applied, rate), rate);
    }

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsProcessor)
};
} // namespace loopstage::plugins
