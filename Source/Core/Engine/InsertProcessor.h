#pragma once
/** An insert on a channel strip: processes the strip's channels in place and reports its latency
    so the graph can compensate it (plug-in delay compensation).

    Inserts are created and prepared off the audio thread when a plan is compiled. An insert
    whose configKey() is unchanged by an edit is carried into the new snapshot as is (its state,
    e.g. a delay line's contents, continues); only one snapshot plays at a time, so the sharing is
    safe. Built-in for now: delay (a latency-reporting look-ahead stand-in), trim, equaliser and
    compressor. LV2/VST3 plug-ins are made by the PluginHost installed with setPluginHost(), so
    the engine itself links no plug-in SDK (docs/PLUGINS.md).
*/
#include "Engine/DelayLine.h"
#include "Engine/MixPlan.h"

#include <functional>
#include <memory>
#include <string>

namespace loopstage::engine
{
class InsertProcessor
{
public:
    virtual ~InsertProcessor() = default;
    /** Equal keys mean the insert can be carried across a rebuild with its state. */
    virtual std::string configKey() const = 0;
    /** Samples by which the output lags the input. */
    virtual int latency() const noexcept = 0;
    /** @realtime */
    virtual void process (float* const* channels, int numChannels, int count) noexcept = 0;
};

/** Makes the insert a plan names, for a strip of `channels` channels. Not realtime; throws
    InputError for a negative delay. An lv2/vst3 insert goes to the installed PluginHost; without
    one it is a pass-through (SessionToPlan has already warned and left it out). */
std::shared_ptr<InsertProcessor> makeInsert (const PlanInsert& plan, int channels, double sampleRate);

/** The configKey() the insert `plan` names would have, without instantiating a plug-in (a
    built-in is made and asked). Not realtime. */
std::string insertKey (const PlanInsert& plan, int channels, double sampleRate);

/** What hosts LV2/VST3 plug-ins for the engine (Core/PluginHost installs one with
    pluginhost::install()). Both functions run off the audio thread. */
struct PluginHost
{
    /** Empty when the plug-in `plan` names can be loaded, else why not (it is then bypassed).
        Throws InputError for a state that cannot be read. */
    std::function<std::string (const PlanInsert& plan)> check;
    /** The plug-in, instantiated and prepared for `channels` channels at `sampleRate`. */
    std::function<std::shared_ptr<InsertProcessor> (const PlanInsert& plan, int channels, double sampleRate)> make;
    /** The configKey() make() would give, computed from the plan alone. */
    std::function<std::string (const PlanInsert& plan, int channels, double sampleRate)> key;
};

/** Installs the plug-in host; call once at start-up, before any plan is compiled (not
    synchronised with plans being compiled). */
void setPluginHost (PluginHost host);
/** The installed host, or nullptr. */
const PluginHost* pluginHost() noexcept;
} // namespace loopstage::engine
