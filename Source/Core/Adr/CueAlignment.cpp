#include "Adr/CueAlignment.h"
#include "Adr/Circling.h"
#include "Base/Error.h"

#include <algorithm>

namespace loopstage::adr
{
CueAlignment alignCue (const session::Session& s, const std::string& cueId, const TakeAlignOptions& options,
                       bool circleBest, const std::vector<std::string>& takeIds, Progress& progress)
{
    const auto* cue = s.findCue (cueId);
    if (cue == nullptr)
        throw InputError ("no ADR cue '" + cueId + "' in the session");
    for (auto& id : takeIds)
        if (std::none_of (cue->takes.begin(), cue->takes.end(), [&] (auto& t) { return t.id == id; }))
            throw InputError ("cue " + cueId + " has no take '" + id + "'");

    CueAlignment out;
    std::vector<session::Change> changes;
    for (auto& take : cue->takes)
    {
        if (! takeIds.empty() && std::find (takeIds.begin(), takeIds.end(), take.id) == takeIds.end())
            continue;
        out.takes.push_back (alignTake (s, cueId, take.id, options, progress));
        changes.push_back (storeAlignment (out.takes.back()));
    }
    const bool anyAligned = ! out.takes.empty() || std::any_of (cue->takes.begin(), cue->takes.end(), [] (auto& t) { return t.offset.has_value(); });
    if (circleBest && anyAligned)
        changes.push_back (circleBestTake (cueId));
    out.change = session::group ("Align cue " + cueId, changes);
    return out;
}
} // namespace loopstage::adr
