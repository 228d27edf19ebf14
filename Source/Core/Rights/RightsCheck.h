#pragma once
/** Music rights clearance for a delivery: only music with a recorded, valid licence may reach
    it. A cue is cleared when it is our own work, or when its licence has a reference, its term
    covers the delivery date, and its territories and media cover the delivery's ("world" and
    "all" cover everything). A delivery with an empty territory counts as worldwide and one with
    no media as all media, so a narrow licence never passes by omission. */
#include "Rights/MusicUse.h"

#include <string>
#include <vector>

namespace loopstage::rights
{
struct RightsProblem
{
    std::string cue;        ///< register id, or empty when the region names none
    std::string title;      ///< cue title, or the region's file name when not in the register
    std::string timecodeIn, timecodeOut;   ///< where it plays, as picture timecode
    std::string reason;     ///< e.g. "licence expired on 2025-12-31"

    /** One line naming the cue, its timecodes and the reason. */
    std::string message() const;
};

struct RightsReport
{
    std::vector<MusicUse> uses;
    std::vector<RightsProblem> problems;
    bool cleared() const noexcept { return problems.empty(); }
};

/** Checks every music use of `session` against its register for a delivery on `date`
    ("YYYY-MM-DD"), using session.delivery for territory and media. */
RightsReport checkMusicRights (const session::Session& session, const std::string& date);

/** Today's date in UTC as "YYYY-MM-DD". */
std::string todayUtc();
} // namespace loopstage::rights
