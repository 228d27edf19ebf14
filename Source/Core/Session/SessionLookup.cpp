#include "Session/SessionLookup.h"
#include "Base/Error.h"

#include <algorithm>

namespace loopstage::session
{
const Track& requireTrack (const SessionDocument& document, const std::string& key)
{
    const auto& s = document.session();
    if (auto* t = s.findTrack (key))
        return *t;
    const Track* found = nullptr;
    for (auto& t : s.tracks)
        if (t.name == key)
        {
            if (found != nullptr)
                throwFileError (document.file(), "two tracks are named '" + key + "': give the track id");
            found = &t;
        }
    if (found == nullptr)
        throwFileError (document.file(), "no track '" + key + "'");
    return *found;
}

const Strip& requireStrip (const SessionDocument& document, const std::string& id)
{
    const auto& s = document.session();
    if (const Strip* track = s.findTrack (id))
        return *track;
    if (const Strip* bus = s.findBus (id))
        return *bus;
    throwFileError (document.file(), "no track, bus, stem or master with id '" + id + "'");
}

const AdrCue& requireCue (const SessionDocument& document, const std::string& id)
{
    if (auto* cue = document.session().findCue (id))
        return *cue;
    throwFileError (document.file(), "no cue '" + id + "'");
}

const Take& requireTake (const SessionDocument& document, const std::string& cueId, const std::string& takeId)
{
    const auto& cue = requireCue (document, cueId);
    auto it = std::find_if (cue.takes.begin(), cue.takes.end(), [&] (auto& t) { return t.id == takeId; });
    if (it == cue.takes.end())
        throwFileError (document.file(), "cue '" + cueId + "' has no take '" + takeId + "'");
    return *it;
}
} // namespace loopstage::session
