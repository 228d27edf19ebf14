#include "Compressor/CompressorProcessor.h"

namespace loopstage::plugins
{
namespace
{
    // In the order of CompressorProcessor::values.
    constexpr const char* ids[] = { "threshold", "ratio", "knee", "attack", "release", "makeup" };

    juce::AudioProcessorValueTreeState::ParameterLayout makeLayout()
    {
        // Defaults as engine::CompressorSettings.
        using Range = juce::NormalisableRange<float>;
        using Attributes = juce::AudioParameterFloatAttributes;
        const engine::CompressorSettings d;
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

CompressorProcessor::CompressorProcessor() : EffectProcessor ("LoopStageCompressor", makeLayout())
{
    for (size_t i = 0; i < values.size(); ++i)
        values[i] = parameters.getRawParameterValue (ids[i]);
}

engine::CompressorSettings CompressorProcessor::currentSettings() noexcept
{
    for (size_t i = 0; i < values.size(); ++i)
        applied[i] = values[i]->load();
    return { .thresholdDb = applied[0], .ratio = applied[1], .kneeDb = applied[2],
             .attackMs = applied[3], .releaseMs = applied[4], .makeupDb = applied[5] };
}

void CompressorProcessor::prepareToPlay (double sampleRate, int)
{
    rate = sampleRate;
    compressor.emplace (currentSettings(), rate);
    setLatencySamples (0);
}

void CompressorProcessor::reset()
{
    if (compressor)
        compressor.emplace (currentSettings(), rate);
}

void CompressorProcessor::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&)
{
    if (! compressor)
        return;
    bool changed = false;
    for (size_t i = 0; i < values.size(); ++i)
        changed = changed || values[i]->load() != applied[i];
    if (changed)   // the ranges keep every setting valid: the constructor cannot throw here
        compressor.emplace (currentSettings(), rate);
    compressor->process (buffer.getArrayOfWritePointers(), std::min (buffer.getNumChannels(), 2), buffer.getNumSamples());
}


} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::CompressorProcessor();
}
