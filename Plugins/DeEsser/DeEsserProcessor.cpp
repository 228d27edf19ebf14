#include "DeEsser/DeEsserProcessor.h"

#include <algorithm>

namespace loopstage::plugins
{
DeEsserProcessor::DeEsserProcessor() : SettingsProcessor ("LoopStageDeEsser", dsp::deEsserParameters) {}

dsp::DeEsserSettings DeEsserProcessor::settingsFrom (const Values& v, double sampleRate) const noexcept
{
    auto settings = SettingsProcessor::settingsFrom (v, sampleRate);
    // The constructor refuses a band at or over Nyquist (low rates): keep it inside.
    settings.frequency = std::min ((double) v[0], 0.45 * sampleRate);
    return settings;
}
} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::DeEsserProcessor();
}
