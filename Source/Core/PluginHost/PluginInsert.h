#pragma once
/** A hosted LV2/VST3 plug-in as an engine insert (internal to PluginHost; docs/PLUGINS.md).

    Channel mapping: the plug-in is asked for the strip's width first (VST3 plug-ins often
    accept it). Failing that, a plug-in N channels wide runs as ceil(C / N) instances over a
    strip of C channels, each on its own group of N (a mono plug-in on a stereo strip is
    dual-mono; a stereo one on 5.1 sees L R, C LFE, Ls Rs); the last group's missing inputs are
    silent and their outputs dropped. A strip narrower than the plug-in feeds its channels round
    (a mono strip into a stereo plug-in feeds both inputs) and keeps the first C outputs.
    Side-chain and other non-main inputs are silent.

    RT-safety: every buffer is allocated in the constructor; process() copies the strip into
    pre-sized buffers, wraps them in a juce::AudioBuffer over that memory, clears a pre-sized
    MidiBuffer and calls processBlock in chunks of at most the prepared block size. Whether the
    plug-in itself allocates in its run() is the plug-in's business.
*/
#include "Engine/InsertProcessor.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <memory>
#include <string>
#include <vector>

namespace loopstage::pluginhost
{
class PluginInsert final : public engine::InsertProcessor
{
public:
    /** Instantiates, restores, prepares and warms up the plug-in (so an LV2 plug-in has reported
        its latency). Not realtime; throws InputError naming the insert. */
    PluginInsert (const engine::PlanInsert& plan, int channels, double sampleRate);
    ~PluginInsert() override;

    std::string configKey() const override { return key; }
    int latency() const noexcept override { return reportedLatency; }
    /** @realtime */
    void process (float* const* channels, int numChannels, int count) noexcept override;

    /** The first instance's state as base64. Not realtime. */
    std::string state();
    /** How many instances run side by side (channel mapping, above). */
    int instanceCount() const noexcept { return (int) instances.size(); }

    /** The configKey() of the insert `plan` describes, without instantiating it. */
    static std::string keyFor (const engine::PlanInsert& plan, int channels, double sampleRate);

    /** Largest block handed to the plug-in at once. */
    static constexpr int maxBlock = 1024;

private:
    struct Instance
    {
        std::unique_ptr<juce::AudioPluginInstance> plugin;
        juce::AudioBuffer<float> work;
        int firstChannel = 0;   ///< strip channel of the plug-in's first main channel
    };

    void processChunk (float* const* channels, int numChannels, int offset, int count) noexcept;

    std::vector<Instance> instances;
    std::vector<float*> pointers;   // sized to the widest instance, reused each block
    juce::MidiBuffer midi;
    int width = 1;                  // N: main channels per instance
    int inputs = 1;                 // main input channels per instance
    int stripChannels = 1;
    int reportedLatency = 0;
    std::string key;
};
} // namespace loopstage::pluginhost
