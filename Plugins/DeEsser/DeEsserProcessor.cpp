#include "DeEsser/DeEsserProcessor.h"

#include <algorithm>

namespace loopstage::plugins
{
namespace
{
    // The parameters, in the order settingsFrom() reads them.
    constexpr std::array<const char*, 6> ids = { "frequency", "q", "threshold", "ratio", "attack", "release" };

    juce::AudioProcessorValueTreeState::ParameterLayout makeLayout()
    {
        // Defaults as dsp::DeEsserSettings.
        using Range = juce::NormalisableRange<float>;
        using Attributes = juce::AudioParameterFloatAttributes;
        const dsp::DeEsserSettings d;
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

DeEsserProcessor::DeEsserProcessor() : SettingsProcessor ("LoopStageDeEsser", makeLayout(), ids) {}

dsp::DeEsserSettings DeEsserProcessor::settingsFrom (const Values& v, double sampleRate) const noexcept
{
    // The constructor refuses a band at or over Nyquist (low rates): keep it inside.
    const double frequency = std::min ((double) v[0], 0.45 * sampleRate);
    return { .frequency = frequency, .q = v[1], .thresholdDb = v[2], .ratio = v[3], .attackMs = v[4], .releaseMs = v[5] };
}
} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::DeEsserProcessor();
}
