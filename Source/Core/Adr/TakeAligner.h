#pragma once
/** Aligning a cue's takes to the production guide, inside a session: what the ADR page's
    "Align" and "Circle best" buttons and `loopstage demo` do.

    The guide is the audio of the session's guide track around the cue (the cue's in/out plus
    handles), read from the guide regions. A take is aligned against that excerpt with
    loopstage::align, and the result is stored in the Take non-destructively, on the session
    timeline: `offset` is such that take(t + offset) ≈ guide(t) with t in timeline seconds, and the
    warp map pairs [timeline seconds, take seconds]. The take file is never rewritten; an aligned
    (moved and, with warp, time-warped) copy is rendered beside the session for playback.
*/
#include "Align/Align.h"
#include "Base/Progress.h"
#include "Session/Session.h"

#include <filesystem>
#include <string>

namespace loopstage::adr
{
struct TakeAlignOptions
{
    double handleSeconds = 0.75;   ///< guide audio taken either side of the cue
    bool warp = true;              ///< fit the word-by-word drift too
    double maxOffsetSeconds = 3.0; ///< search range around the cue
    std::filesystem::path alignedFolder;   ///< where aligned copies go; empty: none rendered
};

struct TakeAlignment
{
    align::AlignmentResult result;      ///< against the excerpt (times from its start)
    double excerptStart = 0.0;          ///< timeline seconds where the guide excerpt starts
    double excerptLength = 0.0;
    std::filesystem::path alignedFile;  ///< empty when none was rendered
};

/** Aligns one take of one cue and stores offset, warp and sync score in the take.
    Throws InputError when the cue, take or guide audio is missing or the files are bad. */
TakeAlignment alignTake (session::Session& session, const std::string& cueId, const std::string& takeId,
                         const TakeAlignOptions& options, Progress& progress = Progress::none());

/** The cue's take with the best sync: lowest p95, then median, in 5 ms steps (finer is below
    the sync score's resolution, and after a warp most takes read 0); among equals the take whose
    warp map strays least from one constant offset (driftSeconds: the actor kept closest to the
    guide, so the warp had least to fix). Scored takes before unscored ones; nullptr when no take
    is aligned. */
const session::Take* bestSyncedTake (const session::AdrCue& cue);

/** How far `take`'s warp map strays from a constant offset: p95 over map points of |lead -
    median lead| (seconds), lead = take time - (timeline time + offset). 0 without a warp. */
double driftSeconds (const session::Take& take);

/** Circles `takeId` (and only it) and plays its aligned copy on the cue's ADR track: a region
    over the excerpt, replacing the region of the previously circled take. */
void circleTake (session::Session& session, const std::string& cueId, const std::string& takeId,
                 const TakeAlignment& alignment);
} // namespace loopstage::adr
