#pragma once
/** Which take to circle: the one that sits best on the guide. */
#include "Session/AdrCue.h"

namespace loopstage::adr
{
/** The cue's take with the best sync: lowest p95, then median, in 5 ms steps (finer is below
    the sync score's resolution, and after a warp most takes read 0); among equals the take whose
    warp map strays least from one constant offset (driftSeconds: the actor kept closest to the
    guide, so the warp had least to fix). Scored takes before unscored ones; nullptr when no take
    is aligned. */
const session::Take* bestSyncedTake (const session::AdrCue& cue);

/** How far `take`'s warp map strays from a constant offset: p95 over map points of |lead -
    median lead| (seconds), lead = take time - (timeline time + offset). 0 without a warp. */
double driftSeconds (const session::Take& take);
} // namespace loopstage::adr
