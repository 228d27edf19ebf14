#include "Rights/MusicUse.h"

#include <algorithm>

namespace loopstage::rights
{
namespace
{
    bool isHeard (const session::Track& track)
    {
        return ! track.mute && (! track.output.empty() || ! track.sends.empty());
    }
} // namespace

std::vector<MusicUse> musicInDelivery (const session::Session& session)
{
    std::vector<MusicUse> uses;
    for (auto& region : session.regions)
    {
        const auto* track = session.findTrack (region.track);
        if (track == nullptr || ! isHeard (*track) || region.length <= 0.0)
            continue;
        if (region.musicCue.empty() && track->kind != session::TrackKind::mx)
            continue;
        uses.push_back ({ &region, track, region.musicCue.empty() ? nullptr : session.findMusic (region.musicCue),
                          region.position, region.end() });
    }
    std::stable_sort (uses.begin(), uses.end(), [] (auto& a, auto& b) { return a.in < b.in; });
    return uses;
}
} // namespace loopstage::rights
