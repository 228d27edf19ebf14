#pragma once
/** The consistency rules every session keeps, checked after each edit and on load. */
#include "Session/Session.h"

#include <string>
#include <vector>

namespace loopstage::session
{
/** Throws InputError "<json path>: <problem>" (e.g. "tracks[2].output: no bus or stem 'x'")
    for: duplicate or empty ids; channel counts other than 1, 2 or 6; negative lengths, fades
    longer than their region, offsets before the file; references to missing tracks, buses,
    music cues or regions; routing loops; ratings outside 0-5; ADR cue out before in;
    non-monotonic warp maps; a sample rate that is not positive. */
void validate (const Session& session);
} // namespace loopstage::session

namespace loopstage::session
{
/** The built-in insert processors a session may name (those mix::sessionToPlan builds). */
const std::vector<std::string>& builtinInsertNames();

/** The delivery spec names a session may name (those of deliver::findSpec). */
const std::vector<std::string>& deliverySpecNames();
} // namespace loopstage::session
