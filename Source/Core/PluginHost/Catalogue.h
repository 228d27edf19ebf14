#pragma once
/** The plug-ins on this machine, through JUCE's LV2 and VST3 formats (internal to PluginHost).

    One catalogue per process, created on first use; a mutex serialises every call into the
    formats (lilv's world is not thread-safe). Instantiation, state and parameters go through
    here too so that a plan compiled for the CLI and one compiled for a GUI behave the same.
*/
#include "Base/Json.h"
#include "Engine/MixPlan.h"

#include <juce_audio_processors/juce_audio_processors.h>

#include <memory>
#include <optional>
#include <string>

namespace loopstage::pluginhost::detail
{
/** "insert 'ID' (URI)": how messages name an insert. */
std::string describe (const engine::PlanInsert& plan);

/** The description of the plug-in the plan names, or nothing when it is not installed. */
std::optional<juce::PluginDescription> findPlugin (engine::PlanInsert::Kind kind, const std::string& id);

/** Every plug-in found (LV2 then VST3). */
juce::Array<juce::PluginDescription> allPlugins();

/** The decoded state; throws InputError naming the insert when it is not base64 or (LV2) not a
    state lilv can read. Empty in, empty out. */
juce::MemoryBlock decodeState (const engine::PlanInsert& plan);

/** A new instance ready to process: its main buses set to `channels` wide when it accepts that,
    prepared at `sampleRate` for blocks of at most `maxBlock`, its state restored, parameters
    applied, and 100 ms of silence run through it (an LV2 plug-in takes parameter changes and
    reports its latency in run()). Throws InputError naming the insert (missing plug-in,
    unknown parameter, bad state, not an effect). */
std::unique_ptr<juce::AudioPluginInstance> instantiate (const engine::PlanInsert& plan, int channels, double sampleRate,
                                                        int maxBlock);

/** How many plug-in instances have been made in this process (tests: a rebuild that changes
    nothing instantiates nothing). */
int instancesMade() noexcept;

/** The instance's state as base64. */
std::string stateOf (juce::AudioPluginInstance& instance);

/** The VST3 class id (32 hex digits) as JUCE hashes it into PluginDescription::uniqueId. */
int vst3UniqueId (const std::string& classId);

/** JUCE's plug-in identifier string ("VST3-<name>-<path hash>-<unique id>") without the hash of
    the bundle's path, so a plug-in is found wherever it is installed. */
std::string withoutPathHash (const std::string& identifier);
} // namespace loopstage::pluginhost::detail
