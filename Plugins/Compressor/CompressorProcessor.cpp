#include "Compressor/CompressorProcessor.h"

namespace loopstage::plugins
{
CompressorProcessor::CompressorProcessor() : SettingsProcessor ("LoopStageCompressor", dsp::compressorParameters) {}
} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::CompressorProcessor();
}
