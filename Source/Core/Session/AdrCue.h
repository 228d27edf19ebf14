#pragma once
/** An ADR cue: a line to re-record, between two timecodes of the picture, with its takes. */
#include "Session/Take.h"
#include "Timecode/Timecode.h"

#include <string>
#include <vector>

namespace loopstage::session
{
struct AdrCue
{
    std::string id;                 ///< e.g. "101"; unique in the session
    std::string character;
    std::string line;               ///< the text to be spoken
    timecode::Timecode in, out;     ///< at the session frame rate; out is after in
    std::string track;              ///< ADR track the takes go to, or empty
    std::string notes;
    std::vector<Take> takes;

    bool operator== (const AdrCue&) const = default;
};
} // namespace loopstage::session
