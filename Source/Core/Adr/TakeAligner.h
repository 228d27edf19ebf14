#pragma once
/** Aligning a cue's takes to the production guide, inside a session: what the ADR page's
    "Align" button, `loopstage session align` and `loopstage demo` do.

    The guide is the audio of the session's guide track around the cue (the cue's in/out plus
    handles), read from the guide regions. A take is aligned against that excerpt with
    loopstage::align, and the result is kept in the Take non-destructively, on the session
    timeline: `offset` is such that take(t + offset) ≈ guide(t) with t in timeline seconds, and the
    warp map pairs [timeline seconds, take seconds]. The take file is never rewritten; an aligned
    (moved and, with warp, time-warped) copy over the excerpt is rendered beside the session for
    playback, a Broadcast WAV whose TimeReference puts it on the same sample in any DAW, and the
    take records where it lies (session::AlignedCopy), so circling needs nothing else.

    Aligning reads and writes files and takes seconds, so it happens outside the document: it
    returns the take as it should become, and storeAlignment() is the undoable change that puts
    it into the session.
*/
#include "Align/Align.h"
#include "Base/Progress.h"
#include "Session/Change.h"

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
    std::string cueId;
    align::AlignmentResult result;      ///< against the excerpt (times from its start)
    session::Take take;                 ///< with offset, warp, sync score, confidence, aligned copy
};

/** Aligns one take of one cue (the session is not changed). Throws InputError when the cue,
    take or guide audio is missing or the files are bad. */
TakeAlignment alignTake (const session::Session& session, const std::string& cueId, const std::string& takeId,
                         const TakeAlignOptions& options, Progress& progress = Progress::none());

/** The change that stores an alignment in its take: "Align take N of cue C". */
session::Change storeAlignment (const TakeAlignment& alignment);

/** Where aligned copies go by default: `adr-aligned/` beside the session file. */
std::filesystem::path defaultAlignedFolder (const std::filesystem::path& sessionFile);
} // namespace loopstage::adr
