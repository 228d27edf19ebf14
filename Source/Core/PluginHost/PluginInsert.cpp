#include "PluginHost/PluginInsert.h"
#include "PluginHost/Catalogue.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace loopstage::pluginhost
{
PluginInsert::PluginInsert (const engine::PlanInsert& plan, int channels, double sampleRate) : stripChannels (channels)
{
    auto first = detail::instantiate (plan, channels, sampleRate, maxBlock);
    width = first->getMainBusNumOutputChannels();
    inputs = first->getMainBusNumInputChannels();
    const int count = channels > width ? (channels + width - 1) / width : 1;

    for (int i = 0; i < count; ++i)
    {
        Instance instance;
        instance.plugin = i == 0 ? std::move (first) : detail::instantiate (plan, channels, sampleRate, maxBlock);
        const int total = std::max ({ instance.plugin->getTotalNumInputChannels(), instance.plugin->getTotalNumOutputChannels(), 1 });
        instance.work.setSize (total, maxBlock);
        instance.work.clear();
        instance.firstChannel = i * width;
        reportedLatency = std::max (reportedLatency, instance.plugin->getLatencySamples());
        pointers.resize (std::max (pointers.size(), (size_t) total));
        instances.push_back (std::move (instance));
    }
    midi.ensureSize (4096);

    key = keyFor (plan, channels, sampleRate);
}

std::string PluginInsert::keyFor (const engine::PlanInsert& plan, int channels, double sampleRate)
{
    // The whole state is in the key, so an unchanged plug-in carries across a rebuild (its
    // delay lines and envelopes continue) and a changed one is instantiated afresh.
    const auto settings = plan.stateBase64 + "|" + plan.parameters.dump();
    return std::string (plan.kind == engine::PlanInsert::Kind::lv2 ? "lv2:" : "vst3:") + plan.plugin + ":"
           + std::to_string (channels) + ":" + std::to_string (sampleRate) + ":" + std::to_string (settings.size()) + ":"
           + std::to_string (std::hash<std::string> {}(settings));
}

PluginInsert::~PluginInsert()
{
    for (auto& instance : instances)
        instance.plugin->releaseResources();
}

std::string PluginInsert::state()
{
    return detail::stateOf (*instances.front().plugin);
}

void PluginInsert::process (float* const* channels, int numChannels, int count) noexcept
{
    for (int offset = 0; offset < count; offset += maxBlock)
        processChunk (channels, numChannels, offset, std::min (maxBlock, count - offset));
}

void PluginInsert::processChunk (float* const* channels, int numChannels, int offset, int count) noexcept
{
    const size_t bytes = sizeof (float) * (size_t) count;
    for (auto& instance : instances)
    {
        auto& work = instance.work;
        const int total = work.getNumChannels();
        for (int k = 0; k < total; ++k)
        {
            float* dest = work.getWritePointer (k);
            // Main input k of this instance reads strip channel firstChannel + k; a strip narrower
            // than the plug-in feeds its channels round; beyond the strip (or a side-chain): silence.
            int source = k < inputs ? instance.firstChannel + k : -1;
            if (source >= numChannels)
                source = instances.size() == 1 && k < inputs ? k % numChannels : -1;
            if (source >= 0)
                std::memcpy (dest, channels[source] + offset, bytes);
            else
                std::memset (dest, 0, bytes);
            pointers[(size_t) k] = dest;
        }
        // Wraps the pre-allocated channels for this chunk's length (no allocation up to 32 channels).
        juce::AudioBuffer<float> view (pointers.data(), total, count);
        midi.clear();
        instance.plugin->processBlock (view, midi);

        for (int k = 0; k < width; ++k)
        {
            const int target = instance.firstChannel + k;
            if (target < numChannels)
                std::memcpy (channels[target] + offset, work.getReadPointer (k), bytes);
        }
    }
}
} // namespace loopstage::pluginhost
