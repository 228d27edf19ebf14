#pragma once
/** What tracks and buses share: a channel strip (gain, pan, mute/solo, polarity, routing,
    sends, inserts, automation). Mirrors engine::PlanStrip so SessionToPlan is a field copy.

    Units: gains in dB, pan -1 (left) .. +1 (right), automation times in seconds on the session
    timeline (0 = the session's start timecode). Ids are stable strings, unique across tracks,
    buses, stems and the master.
*/
#include "Base/Json.h"

#include <string>
#include <vector>

namespace loopstage::session
{
/** A copy of a strip's signal to a bus or stem at its own level. */
struct Send
{
    std::string bus;          ///< id of the receiving bus/stem
    double levelDb = 0.0;
    bool preFader = false;    ///< taps before the fader (mute and solo still apply)

    bool operator== (const Send&) const = default;
};

/** An insert in a strip's chain: a built-in processor or a plug-in, stored as a descriptor so a
    session opens even where the plug-in is missing (it is then bypassed, never dropped). */
struct Insert
{
    enum class Kind
    {
        builtin,   ///< Core DSP: plugin is one of dsp::builtinProcessors ("eq", "compressor", ...)
        lv2,       ///< plugin is the LV2 URI
        vst3       ///< plugin is the VST3 class id (32 hex digits)
    };
    std::string id;               ///< stable within its strip
    Kind kind = Kind::builtin;
    std::string plugin;           ///< builtin name, LV2 URI or VST3 class id
    std::string name;             ///< shown in the mixer; may be empty
    bool bypass = false;
    std::string stateBase64;      ///< the plug-in's opaque state, base64; empty for built-ins
    Json parameters = Json::object(); ///< built-in settings, e.g. {"gain_db": -3} or {"bands": [...]}

    bool operator== (const Insert&) const = default;
};

/** A breakpoint: `value` at `time` seconds on the session timeline. */
struct AutomationPoint
{
    double time = 0.0;
    double value = 0.0;

    bool operator== (const AutomationPoint&) const = default;
};

/** One automated parameter. Values ramp linearly between points (mute steps: > 0.5 is muted),
    hold before the first point and after the last. */
struct AutomationLane
{
    enum class Parameter
    {
        gain,   ///< dB
        pan,    ///< -1 .. +1
        mute    ///< 0 or 1
    };
    Parameter parameter = Parameter::gain;
    std::vector<AutomationPoint> points;   ///< sorted by time

    bool operator== (const AutomationLane&) const = default;
};

struct Strip
{
    std::string id;
    std::string name;
    int channels = 2;            ///< 1 mono, 2 stereo (L R), 6 for 5.1 (L R C LFE Ls Rs)
    double gainDb = 0.0;
    double pan = 0.0;            ///< -1 left .. +1 right (balance for stereo sources)
    double panFrontBack = 1.0;   ///< 5.1 outputs only: -1 rear .. +1 front
    bool mute = false;
    bool solo = false;
    bool soloSafe = false;       ///< never silenced by another strip's solo
    bool polarityInvert = false;
    std::string output;          ///< id of the bus/stem fed; empty: not routed
    std::vector<Send> sends;
    std::vector<Insert> inserts;
    std::vector<AutomationLane> automation;   ///< at most one lane per parameter

    bool operator== (const Strip&) const = default;
};
} // namespace loopstage::session
