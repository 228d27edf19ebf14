#include "DeEsser/DeEsserProcessor.h"

#include <algorithm>

namespace loopstage::plugins
{
namespace
{
    // In the order of DeEsserProcessor::values.
    constexpr const char* ids[] = { "frequency", "q", "threshold", "ratio", "attack", "release" };

    juce::AudioProcessorValueTreeState::ParameterLayout makeLayout()
    {
        // Defaults as engine::DeEsserSettings.
        using Range = juce::NormalisableRange<float>;
        using Attributes = juce::AudioParameterFloatAttributes;
        const engine::DeEsserSettings d;
        juce::AudioProcessorValueTreeState::ParameterLayout layout;
        auto add = [&layout] (const char* id, const char* name, Range range, double value, const char* unit)
        {
            layout.add (std::make_unique<juce::AudioParameterFloat> (juce::ParameterID { id, 1 }, name, range, (float) value,
                                                                     Attributes().withLabel (unit)));
        };
        add (ids[0], "Frequency", Range (1000.0f, 16000.0f, 1.0f, 0.5f), d.frequency, "Hz");
        add (ids[1], "Q", Range (0.3f, 10.0f, 0.01f, 0.5f), d.q, "");
        add (ids[2], "Threshold", Range (-60.0f, 0.0f, 0.01f), d.thresholdDb, "dB");
        add (ids[3], "Ratio", Range (1.0f, 20.0f, 0.01f, 0.5f), d.ratio, ":1");
        add (ids[4], "Attack", Range (0.0f, 50.0f, 0.01f, 0.4f), d.attackMs, "ms");
        add (ids[5], "Release", Range (1.0f, 1000.0f, 0.1f, 0.4f), d.releaseMs, "ms");
        return layout;
    }
} // namespace

DeEsserProcessor::DeEsserProcessor() : EffectProcessor ("LoopStageDeEsser", makeLayout())
{
    for (size_t i = 0; i < values.size(); ++i)
        values[i] = parameters.getRawParameterValue (ids[i]);
}

engine::DeEsserSettings DeEsserProcessor::currentSettings() noexcept
{
    for (size_t i = 0; i < values.size(); ++i)
        applied[i] = values[i]->load();
    // The constructor refuses a band at or over Nyquist (low rates): keep it inside.
    const double frequency = std::min ((double) applied[0], 0.45 * rate);
    return { .frequency = frequency, .q = applied[1], .thresholdDb = applied[2], .ratio = applied[3],
             .attackMs = applied[4], .releaseMs = applied[5] };
}

void DeEsserProcessor::prepareToPlay (double sampleRate, int)
{
    rate = sampleRate;
    deesser.emplace (currentSettings(), rate);
    setLatencySamples (0);
}

void DeEsserProcessor::reset()
{
    if (deesser)
        deesser.emplace (currentSettings(), rate);
}

void DeEsserProcessor::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&)
{
    if (! deesser)
        return;
    bool changed = false;
    for (size_t i = 0; i < values.size(); ++i)
        changed = changed || values[i]->load() != applied[i];
    if (changed)   // the ranges keep every setting valid: the constructor cannot throw here
        deesser.emplace (currentSettings(), rate);
    deesser->process (buffer.getArrayOfWritePointers(), std::min (buffer.getNumChannels(), 2), buffer.getNumSamples());
}
} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::DeEsserProcessor();
}
