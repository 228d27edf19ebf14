#pragma once
/** A whole cue at once: align every take, then circle the best-synced one, as one undo step.
    What the ADR page's "Align all" does after a run of takes, and `loopstage session align`. */
#include "Adr/TakeAligner.h"

#include <vector>

namespace loopstage::adr
{
struct CueAlignment
{
    std::vector<TakeAlignment> takes;   ///< in the cue's take order
    session::Change change;             ///< stores them all (and circles the best when asked)
};

/** Aligns the takes of `cueId` (all, or only `takeIds` when given); the session is not changed
    until `change` is applied. With `circleBest`, the change also circles the best-synced take
    of the cue (its aligned takes, new and old; nothing to circle in a cue without takes). */
CueAlignment alignCue (const session::Session& session, const std::string& cueId, const TakeAlignOptions& options,
                       bool circleBest, const std::vector<std::string>& takeIds = {}, Progress& progress = Progress::none());
} // namespace loopstage::adr
