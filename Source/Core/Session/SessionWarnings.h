#pragma once
/** What in a session needs attention before it plays or delivers right: missing media, media
    at another sample rate, music that is not in the licence register, licences without an id.
    Shown by `session info` and on the app's Session page. */
#include "Session/Session.h"

#include <string>
#include <vector>

namespace loopstage::session
{
/** One sentence each, starting with the id of what it is about. Looks at the disk (is each
    region's file there?) but reads no audio. */
std::vector<std::string> sessionWarnings (const Session& session);
} // namespace loopstage::session
