#pragma once
/** A plug-in's parameters from a built-in processor's table (Dsp/ProcessorParameters.h): the
    table's plug-in id, display name, control range, default and unit, so the plug-in and the
    session describe the same parameter from one place. Entries without a plug-in id are left
    out (the limiter's fixed look-ahead).
*/
#include "Dsp/ParameterSpec.h"

#include <juce_audio_processors/juce_audio_processors.h>

namespace loopstage::plugins
{
template <typename Table>
juce::AudioProcessorValueTreeState::ParameterLayout parameterLayout (const Table& table)
{
    juce::AudioProcessorValueTreeState::ParameterLayout layout;
    for (const auto& entry : table)
    {
        const dsp::ParameterSpec& spec = entry.spec;
        if (spec.plugin.id == nullptr)
            continue;
        const auto& control = spec.plugin;
        layout.add (std::make_unique<juce::AudioParameterFloat> (
            juce::ParameterID { control.id, 1 }, spec.name,
            juce::NormalisableRange<float> (control.minimum, control.maximum, control.interval, control.skew),
            (float) spec.defaultValue, juce::AudioParameterFloatAttributes().withLabel (spec.unit)));
    }
    return layout;
}
} // namespace loopstage::plugins
