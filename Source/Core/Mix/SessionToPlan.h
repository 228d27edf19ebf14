#pragma once
/** Session (the document) -> MixPlan (what the engine compiles).

    A field copy plus unit conversion: seconds become samples at the session's rate (rounded to
    the nearest sample), the session's start timecode becomes the BWF time reference (samples
    since midnight), regions are grouped under their tracks in session order, automation lanes
    by parameter. Built-in inserts take their settings from the insert's `parameters`
    (docs/ENGINE.md lists the keys). LV2/VST3 inserts go to the installed PluginHost (Engine/InsertProcessor.h);
    one it cannot load (missing plug-in, or no host installed) is left out with a warning, as if
    bypassed; a state it cannot read is an InputError. Bypassed inserts are left out.
*/
#include "Engine/MixPlan.h"
#include "Session/Session.h"

#include <string>
#include <vector>

namespace loopstage::mix
{
/** Throws InputError for an unknown built-in insert or invalid built-in settings. Warnings
    (bypassed plug-ins) are appended to `warnings` when given. */
engine::MixPlan sessionToPlan (const session::Session& session, std::vector<std::string>* warnings = nullptr);
} // namespace loopstage::mix
