#include "Compressor/CompressorProcessor.h"

namespace loopstage::plugins
{
namespace
{
    // The parameters, in the order settingsFrom() reads them.
    constexpr std::array<const char*, 6> ids = { "threshold", "ratio", "knee", "attack", "release", "makeup" };

    juce::AudioProcessorValueTreeState::ParameterLayout makeLayout()
    {
        // Defaults as dsp::CompressorSettings.
        using Range = juce::NormalisableRange<float>;
        using Attributes = juce::AudioParameterFloatAttributes;
        const dsp::CompressorSettings d;
        juce::AudioProcessorValueTreeState::ParameterLayout layout;
        auto add = [&layout] (const char* id, const char* name, Range range, double value, const char* unit)
        {
            layout.add (std::make_unique<juce::AudioParameterFloat> (juce::ParameterID { id, 1 }, name, range, (float) value,
                                                                     Attributes().withLabel (unit)));
        };
        add (ids[0], "Threshold", Range (-60.0f, 0.0f, 0.01f), d.thresholdDb, "dB");
        add (ids[1], "Ratio", Range (1.0f, 20.0f, 0.01f, 0.5f), d.ratio, ":1");
        add (ids[2], "Knee", Range (0.0f, 24.0f, 0.01f), d.kneeDb, "dB");
        add (ids[3], "Attack", Range (0.0f, 500.0f, 0.01f, 0.4f), d.attackMs, "ms");
        add (ids[4], "Release", Range (1.0f, 5000.0f, 0.1f, 0.3f), d.releaseMs, "ms");
        add (ids[5], "Make-up", Range (-24.0f, 24.0f, 0.01f), d.makeupDb, "dB");
        return layout;
    }
} // namespace

CompressorProcessor::CompressorProcessor() : SettingsProcessor ("LoopStageCompressor", makeLayout(), ids) {}

dsp::CompressorSettings CompressorProcessor::settingsFrom (const Values& v, double) const noexcept
{
    return { .thresholdDb = v[0], .ratio = v[1], .kneeDb = v[2], .attackMs = v[3], .releaseMs = v[4], .makeupDb = v[5] };
}
} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::CompressorProcessor();
}
