#pragma once
/** The supervisor's decisions on takes, as undoable session changes: rate, circle, circle the
    best-synced. Circling plays the take's aligned copy (Take::aligned) on the cue's ADR track,
    replacing the region of the take circled before, so the mix hears the pick at once. */
#include "Session/Change.h"

#include <string>

namespace loopstage::adr
{
/** Circles `takeId` of `cueId` (and only it) and puts its aligned copy on the cue's ADR track
    over the aligned excerpt. Refused (InputError) when the cue has no ADR track or the take was
    never aligned with a copy rendered. */
session::Change circleTake (std::string cueId, std::string takeId);

/** Circles the cue's best-synced take (BestTake.h), chosen when the change is applied; refused
    when no take of the cue is aligned. */
session::Change circleBestTake (std::string cueId);

/** A rating from 0 (none) to 5. */
session::Change rateTake (std::string takeId, int rating);
} // namespace loopstage::adr
