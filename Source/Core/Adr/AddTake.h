#pragma once
/** A take that arrives as a file (recorded elsewhere, or by another stage), added to its cue:
    what `session add-take` and dropping a take on the ADR page do. */
#include "Session/SessionDocument.h"

#include <filesystem>

namespace loopstage::adr
{
/** Reads an alignment written by `loopstage align --json` (offset_seconds, warp, sync_score,
    confidence) into `take`; InputError naming the file when it is not one. */
void readAlignmentFile (const std::filesystem::path& alignmentJson, session::Take& take);

struct TakeToAdd
{
    session::Take take;       ///< as it will be stored (id, number, region filled in)
    session::Change change;   ///< adds it (and its region) as one undo step
};

/** The change that adds `take` to cue `cueId`. The take file is probed
    (InputError naming it when unreadable). With `place`, the take also goes on the cue's ADR
    track at the cue's in-point, moved by its offset: take(t + offset) ≈ guide(t). Refused when
    the cue is missing or, with `place`, has no ADR track. A take without an id gets the next
    free one; number 0 means the next after the cue's takes. */
TakeToAdd addTakeToCue (const session::SessionDocument& document, const std::string& cueId, session::Take take,
                              bool place);
} // namespace loopstage::adr
