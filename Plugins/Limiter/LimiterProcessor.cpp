#include "Limiter/LimiterProcessor.h"
#include "Common/ParameterLayout.h"
#include "Dsp/ProcessorParameters.h"

#include <algorithm>

namespace loopstage::plugins
{
LimiterProcessor::LimiterProcessor() : EffectProcessor ("LoopStageLimiter", parameterLayout (dsp::limiterParameters))
{
    ceilingDb = parameters.getRawParameterValue (dsp::findParameter (dsp::limiterParameters, "ceiling_dbtp")->plugin.id);
    releaseMs = parameters.getRawParameterValue (dsp::findParameter (dsp::limiterParameters, "release_ms")->plugin.id);
    // A JUCE VST3 host reads the latency before it activates the plug-in (before prepareToPlay)
    // and learns of later changes only through its message loop: report the figure for 48 kHz,
    // post-production's rate, from the start; prepareToPlay sets the one for the real rate.
    limiter.prepare (2, 48000.0, 64, -1.0, lookaheadMs, 80.0);
    setLatencySamples (limiter.latencySamples());
}

void LimiterProcessor::prepareToPlay (double sampleRate, int maximumExpectedSamplesPerBlock)
{
    rate = sampleRate;
    blockSize = std::max (1, maximumExpectedSamplesPerBlock);
    channels = std::max (1, getMainBusNumOutputChannels());
    appliedCeiling = ceilingDb->load();
    appliedRelease = releaseMs->load();
    limiter.prepare (channels, rate, blockSize, appliedCeiling, lookaheadMs, appliedRelease);
    setLatencySamples (limiter.latencySamples());
    bypassDelay.assign ((size_t) channels, std::vector<float> ((size_t) limiter.latencySamples(), 0.0f));
    bypassPos = 0;
}

void LimiterProcessor::reset()
{
    limiter.reset();
    for (auto& d : bypassDelay)
        std::fill (d.begin(), d.end(), 0.0f);
    bypassPos = 0;
}

void LimiterProcessor::processBlockBypassed (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&)
{
    if (bypassDelay.empty() || buffer.getNumChannels() < channels)
        return;
    const int length = (int) bypassDelay[0].size();
    int pos = bypassPos;
    for (int c = 0; c < channels; ++c)
    {
        auto* x = buffer.getWritePointer (c);
        auto& ring = bypassDelay[(size_t) c];
        pos = bypassPos;
        for (int i = 0; i < buffer.getNumSamples(); ++i)
        {
            std::swap (x[i], ring[(size_t) pos]);
            pos = pos + 1 == length ? 0 : pos + 1;
        }
    }
    bypassPos = pos;
}

void LimiterProcessor::processBlock (juce::AudioBuffer<float>& buffer, juce::MidiBuffer&)
{
    if (blockSize == 0 || buffer.getNumChannels() < channels)
        return;   // not prepared for this layout (a host re-prepares after a layout change)
    // Parameter moves take effect from this block on (the limiter's setters are realtime).
    if (const float c = ceilingDb->load(); c != appliedCeiling)
        limiter.setCeiling (appliedCeiling = c);
    if (const float r = releaseMs->load(); r != appliedRelease)
        limiter.setRelease (appliedRelease = r, rate);

    for (int c = channels; c < buffer.getNumChannels(); ++c)
        buffer.clear (c, 0, buffer.getNumSamples());
    float* pieces[2] = {};
    auto* const* data = buffer.getArrayOfWritePointers();
    // A host may send more than it announced: longer blocks go in pieces, as the insert does.
    for (int done = 0; done < buffer.getNumSamples(); done += blockSize)
    {
        for (int c = 0; c < channels; ++c)
            pieces[c] = data[c] + done;
        limiter.process (pieces, std::min (blockSize, buffer.getNumSamples() - done));
    }
}
} // namespace loopstage::plugins

/** The entry point JUCE's VST3 and LV2 wrappers call. */
juce::AudioProcessor* JUCE_CALLTYPE createPluginFilter()
{
    return new loopstage::plugins::LimiterProcessor();
}
