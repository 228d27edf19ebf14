#pragma once
/** What in a session needs attention before it plays or delivers right: missing media, media
    at another sample rate (converted, but worth knowing), files whose channels are folded onto
    their track's (stereo summed to mono, 5.1 downmixed, channels dropped), music that is not in the licence register, licences without an id.
    Shown by `session info` and on the app's Session page. */
#include "Session/Session.h"

#include <string>
#include <vector>

namespace loopstage::session
{
/** One sentence each, starting with the id of what it is about. Looks at the disk (is each
    region's file there?) but reads no audio. */
std::vector<std::string> sessionWarnings (const Session& session);

/** How a region's file channels are folded onto its track by the automatic rules (e.g.
    "2-channel file on a 1-channel track: summed to mono at -3 dB ..."), from the file's
    channel count as recorded in the region; empty when nothing is folded or dropped, the
    region has an explicit channel map, or the count is not known. */
std::string channelNote (const Session& session, const Region& region);
} // namespace loopstage::session
