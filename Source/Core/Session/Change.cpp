#include "Session/Change.h"
#include "Base/Error.h"

#include <algorithm>

namespace loopstage::session
{
namespace
{
    template <typename Item>
    Item& require (Item* item, const std::string& what, const std::string& id)
    {
        if (item == nullptr)
            throw InputError ("no " + what + " '" + id + "'");
        return *item;
    }

    template <typename Container>
    void eraseId (Container& items, const std::string& id, const std::string& what)
    {
        auto it = std::find_if (items.begin(), items.end(), [&] (auto& x) { return x.id == id; });
        if (it == items.end())
            throw InputError ("no " + what + " '" + id + "'");
        items.erase (it);
    }

    void requireNewId (bool inUse, const std::string& what, const std::string& id)
    {
        if (id.empty())
            throw InputError (what + " id must not be empty");
        if (inUse)
            throw InputError ("id '" + id + "' is already used by another " + what);
    }

    std::string labelOf (const std::string& verb, const std::string& name, const std::string& id)
    {
        return verb + " " + (name.empty() ? id : name);
    }
} // namespace

Change setName (std::string name)
{
    return { "Rename session", [name] (Session& s) { s.name = name; } };
}

Change setTiming (double sampleRate, timecode::FrameRate rate, timecode::Timecode start)
{
    return { "Change timing", [=] (Session& s)
             {
                 s.sampleRate = sampleRate;
                 s.frameRate = rate;
                 s.startTimecode = start;
             } };
}

Change setPicture (std::optional<Picture> picture)
{
    return { picture ? "Set picture" : "Remove picture", [picture] (Session& s) { s.picture = picture; } };
}

Change setDelivery (std::optional<DeliverySpec> delivery)
{
    return { "Set delivery", [delivery] (Session& s) { s.delivery = delivery; } };
}

Change addTrack (Track track)
{
    return { labelOf ("Add track", track.name, track.id), [track] (Session& s)
             {
                 requireNewId (s.stripIdInUse (track.id), "track or bus", track.id);
                 s.tracks.push_back (track);
             } };
}

Change updateTrack (Track track)
{
    return { labelOf ("Change track", track.name, track.id),
             [track] (Session& s) { require (s.findTrack (track.id), "track", track.id) = track; } };
}

Change removeTrack (std::string id)
{
    return { "Remove track " + id, [id] (Session& s)
             {
                 eraseId (s.tracks, id, "track");
                 std::erase_if (s.regions, [&] (const Region& r) { return r.track == id; });
                 for (auto& cue : s.adrCues)
                 {
                     if (cue.track == id)
                         cue.track.clear();
                     for (auto& take : cue.takes)
                         if (take.region.size() && ! s.findRegion (take.region))
                             take.region.clear();
                 }
             } };
}

Change moveTrack (std::string id, int newIndex)
{
    return { "Move track " + id, [id, newIndex] (Session& s)
             {
                 auto it = std::find_if (s.tracks.begin(), s.tracks.end(), [&] (auto& t) { return t.id == id; });
                 if (it == s.tracks.end())
                     throw InputError ("no track '" + id + "'");
                 Track t = *it;
                 s.tracks.erase (it);
                 const auto index = (std::size_t) std::clamp (newIndex, 0, (int) s.tracks.size());
                 s.tracks.insert (s.tracks.begin() + (std::ptrdiff_t) index, t);
             } };
}

Change addRegion (Region region)
{
    return { "Add region " + region.id, [region] (Session& s)
             {
                 requireNewId (s.findRegion (region.id) != nullptr, "region", region.id);
                 s.regions.push_back (region);
             } };
}

Change updateRegion (Region region)
{
    return { "Change region " + region.id,
             [region] (Session& s) { require (s.findRegion (region.id), "region", region.id) = region; } };
}

Change removeRegion (std::string id)
{
    return { "Remove region " + id, [id] (Session& s)
             {
                 eraseId (s.regions, id, "region");
                 for (auto& cue : s.adrCues)
                     for (auto& take : cue.takes)
                         if (take.region == id)
                             take.region.clear();
             } };
}

Change addBus (Bus bus)
{
    return { labelOf (bus.isStem ? "Add stem" : "Add bus", bus.name, bus.id), [bus] (Session& s)
             {
                 requireNewId (s.stripIdInUse (bus.id), "track or bus", bus.id);
                 s.buses.push_back (bus);
             } };
}

Change updateBus (Bus bus)
{
    return { labelOf ("Change bus", bus.name, bus.id),
             [bus] (Session& s) { require (s.findBus (bus.id), "bus", bus.id) = bus; } };
}

Change updateStrip (Strip strip)
{
    return { labelOf ("Change", strip.name, strip.id), [strip] (Session& s)
             {
                 if (auto* track = s.findTrack (strip.id))
                     static_cast<Strip&> (*track) = strip;
                 else
                     static_cast<Strip&> (require (s.findBus (strip.id), "track or bus", strip.id)) = strip;
             } };
}

Change removeBus (std::string id)
{
    return { "Remove bus " + id, [id] (Session& s)
             {
                 auto feeds = [&] (const Strip& strip)
                 {
                     return strip.output == id
                            || std::any_of (strip.sends.begin(), strip.sends.end(), [&] (auto& x) { return x.bus == id; });
                 };
                 for (auto& t : s.tracks)
                     if (feeds (t))
                         throw InputError ("bus '" + id + "' is fed by track '" + t.id + "'");
                 for (auto& b : s.buses)
                     if (feeds (b))
                         throw InputError ("bus '" + id + "' is fed by bus '" + b.id + "'");
                 if (id == s.master.id)
                     throw InputError ("the master cannot be removed");
                 eraseId (s.buses, id, "bus");
             } };
}

Change addCue (AdrCue cue)
{
    return { "Add cue " + cue.id, [cue] (Session& s)
             {
                 requireNewId (s.findCue (cue.id) != nullptr, "cue", cue.id);
                 for (auto& take : cue.takes)
                     requireNewId (s.findTake (take.id) != nullptr, "take", take.id);
                 s.adrCues.push_back (cue);
             } };
}

Change updateCue (AdrCue cue)
{
    return { "Change cue " + cue.id, [cue] (Session& s)
             {
                 auto& target = require (s.findCue (cue.id), "cue", cue.id);
                 auto takes = std::move (target.takes);
                 target = cue;
                 target.takes = std::move (takes);
             } };
}

Change removeCue (std::string id)
{
    return { "Remove cue " + id, [id] (Session& s) { eraseId (s.adrCues, id, "cue"); } };
}

Change addTake (std::string cueId, Take take)
{
    return { "Add take " + take.id, [cueId, take] (Session& s)
             {
                 auto& cue = require (s.findCue (cueId), "cue", cueId);
                 requireNewId (s.findTake (take.id) != nullptr, "take", take.id);
                 cue.takes.push_back (take);
             } };
}

Change updateTake (Take take)
{
    return { "Change take " + take.id,
             [take] (Session& s) { require (s.findTake (take.id), "take", take.id) = take; } };
}

Change removeTake (std::string id)
{
    return { "Remove take " + id, [id] (Session& s)
             {
                 for (auto& cue : s.adrCues)
                     if (std::erase_if (cue.takes, [&] (const Take& t) { return t.id == id; }) > 0)
                         return;
                 throw InputError ("no take '" + id + "'");
             } };
}

Change addMusic (MusicCue entry)
{
    return { "Add music cue " + entry.id, [entry] (Session& s)
             {
                 requireNewId (s.findMusic (entry.id) != nullptr, "music cue", entry.id);
                 s.music.push_back (entry);
             } };
}

Change updateMusic (MusicCue entry)
{
    return { "Change music cue " + entry.id,
             [entry] (Session& s) { require (s.findMusic (entry.id), "music cue", entry.id) = entry; } };
}

Change removeMusic (std::string id)
{
    return { "Remove music cue " + id, [id] (Session& s)
             {
                 for (auto& r : s.regions)
                     if (r.musicCue == id)
                         throw InputError ("music cue '" + id + "' is used by region '" + r.id + "'");
                 eraseId (s.music, id, "music cue");
             } };
}

Change group (std::string label, std::vector<Change> changes)
{
    return { label, [changes] (Session& s)
             {
                 for (auto& c : changes)
                     c.apply (s);
             } };
}
} // namespace loopstage::session
