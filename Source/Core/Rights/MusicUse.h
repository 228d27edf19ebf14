#pragma once
/** The music a delivery actually contains, read from the session: every region that carries
    music (it names a music cue, or it sits on an MX track) on a track that is heard (routed and
    not muted). Muted or unrouted tracks never reach the printmaster, so their music needs no
    licence and does not go on the cue sheet. */
#include "Session/Session.h"

#include <string>
#include <vector>

namespace loopstage::rights
{
struct MusicUse
{
    const session::Region* region = nullptr;
    const session::Track* track = nullptr;
    const session::MusicCue* cue = nullptr;   ///< nullptr: the region names no register entry
    double in = 0.0, out = 0.0;               ///< seconds on the session timeline
};

/** Music regions that reach the delivery, sorted by their start. The pointers point into
    `session`, which must outlive the result. */
std::vector<MusicUse> musicInDelivery (const session::Session& session);
} // namespace loopstage::rights
