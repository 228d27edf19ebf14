#pragma once
/** LV2 and VST3 plug-ins as inserts on the engine's channel strips (docs/PLUGINS.md).

    The engine links no plug-in SDK: install() gives it a factory (engine::setPluginHost) that
    finds a plug-in by LV2 URI or VST3 class id, instantiates it off the audio thread at the
    session's rate, restores its saved state (session::Insert::stateBase64), applies the
    insert's `parameters` ({"symbol": value}) and wraps it as an engine::InsertProcessor whose latency()
    is the plug-in's reported latency, so the graph's delay compensation covers plug-ins too.
    A plug-in that is not installed is bypassed with a warning (SessionToPlan); a state that
    cannot be read is an InputError naming the insert.

    Thread: everything here is called from the thread that runs the program's main loop (the
    CLI's main thread, the GUI's message thread); only the inserts' process() runs on the audio
    thread.
*/
#include "Engine/InsertProcessor.h"
#include "Session/Strip.h"

#include <string>
#include <vector>

namespace loopstage::pluginhost
{
/** Installs the plug-in host into the engine. Call once at start-up, before a session is
    turned into a plan. Idempotent. */
void install();

/** A plug-in found on this machine. */
struct PluginInfo
{
    std::string format;    ///< "lv2" or "vst3"
    std::string id;        ///< LV2 URI, or VST3 class id (32 hex digits) when known, else JUCE's identifier
    std::string name;
    std::string vendor;
    std::string category;
    int inputs = 0;        ///< main audio input channels
    int outputs = 0;       ///< main audio output channels
};

/** Every LV2 plug-in (LV2_PATH, then ~/.lv2, /usr/lib/lv2, /usr/local/lib/lv2) and VST3 plug-in
    (VST3_PATH, ~/.vst3, /usr/lib/vst3, /usr/local/lib/vst3) found, LV2 first, by id. */
std::vector<PluginInfo> listPlugins();

/** Instantiates the plug-in `insert` names at `sampleRate` for a strip of `channels`, restores
    its state and applies its parameters, and returns the plug-in's full state as base64 (what
    session::Insert::stateBase64 stores). Throws InputError naming the insert when the plug-in
    is missing, a parameter is unknown or the state cannot be read. */
std::string captureState (const session::Insert& insert, int channels, double sampleRate);

/** The current state (base64) of a live plug-in insert the host made, e.g. after the user
    turned its knobs; empty for an insert that is not a hosted plug-in. Not realtime. */
std::string captureState (const engine::InsertProcessor& insert);
} // namespace loopstage::pluginhost
