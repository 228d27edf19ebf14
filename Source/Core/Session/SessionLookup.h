#pragma once
/** Finding what a user names in an open session, the way the app's pickers and the command
    line's options name it: a track by id or by its name when that is unique, a strip (track,
    bus, stem or master), a cue, a take. A miss is an InputError naming the session file, so the
    message says which document lacks the thing ("<file>: no track 'Boom'"). */
#include "Session/SessionDocument.h"

#include <string>

namespace loopstage::session
{
/** A track by id, or by name when exactly one track has that name. */
const Track& requireTrack (const SessionDocument& document, const std::string& idOrName);

/** A track, bus, stem or the master by id. */
const Strip& requireStrip (const SessionDocument& document, const std::string& id);

const AdrCue& requireCue (const SessionDocument& document, const std::string& id);

/** The take `takeId` of cue `cueId`. */
const Take& requireTake (const SessionDocument& document, const std::string& cueId, const std::string& takeId);
} // namespace loopstage::session
