#include "Session/Session.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace loopstage::session
{
namespace
{
    template <typename Item, typename Container>
    Item* findById (Container& items, const std::string& id)
    {
        for (auto& item : items)
            if (item.id == id)
                return &item;
        return nullptr;
    }
} // namespace

Session::Session()
{
    master.id = "master";
    master.name = "Printmaster";
    master.channels = 2;
}

Session Session::withDefaultStems()
{
    Session s;
    for (auto [id, name] : { std::pair { "stem-dx", "DX" }, std::pair { "stem-fx", "FX" }, std::pair { "stem-mx", "MX" } })
    {
        Bus stem;
        stem.id = id;
        stem.name = name;
        stem.channels = 2;
        stem.isStem = true;
        stem.output = "master";
        s.buses.push_back (stem);
    }
    return s;
}

Track* Session::findTrack (const std::string& id) { return findById<Track> (tracks, id); }
const Track* Session::findTrack (const std::string& id) const { return findById<const Track> (tracks, id); }

Bus* Session::findBus (const std::string& id)
{
    return id == master.id ? &master : findById<Bus> (buses, id);
}
const Bus* Session::findBus (const std::string& id) const
{
    return id == master.id ? &master : findById<const Bus> (buses, id);
}

Region* Session::findRegion (const std::string& id) { return findById<Region> (regions, id); }
const Region* Session::findRegion (const std::string& id) const { return findById<const Region> (regions, id); }
AdrCue* Session::findCue (const std::string& id) { return findById<AdrCue> (adrCues, id); }
const AdrCue* Session::findCue (const std::string& id) const { return findById<const AdrCue> (adrCues, id); }
MusicCue* Session::findMusic (const std::string& id) { return findById<MusicCue> (music, id); }
const MusicCue* Session::findMusic (const std::string& id) const { return findById<const MusicCue> (music, id); }

Take* Session::findTake (const std::string& id)
{
    for (auto& cue : adrCues)
        if (auto* t = findById<Take> (cue.takes, id))
            return t;
    return nullptr;
}

const Take* Session::findTake (const std::string& id) const
{
    return const_cast<Session*> (this)->findTake (id);
}

bool Session::stripIdInUse (const std::string& id) const
{
    return findTrack (id) != nullptr || findBus (id) != nullptr;
}

std::string Session::nextId (const std::string& prefix) const
{
    std::unordered_set<std::string> used { master.id };
    auto add = [&used] (auto& items)
    {
        for (auto& item : items)
            used.insert (item.id);
    };
    add (tracks);
    add (buses);
    add (regions);
    add (adrCues);
    add (music);
    for (auto& cue : adrCues)
        add (cue.takes);
    for (std::size_t n = 1;; ++n)
        if (auto id = prefix + "-" + std::to_string (n); ! used.count (id))
            return id;
}

double Session::secondsAt (const timecode::Timecode& tc) const
{
    const auto frames = timecode::toFrames (tc, frameRate) - timecode::toFrames (startTimecode, frameRate);
    return timecode::frameToSeconds (frames, frameRate);
}

timecode::Timecode Session::timecodeAt (double seconds) const
{
    const auto start = timecode::toFrames (startTimecode, frameRate);
    const auto frames = (std::int64_t) std::floor (seconds * frameRate.framesPerSecond() + 1e-9);
    return timecode::toTimecode (start + frames, frameRate);
}

double Session::duration() const
{
    double end = 0.0;
    for (auto& r : regions)
        end = std::max (end, r.end());
    return end;
}

int defaultChannelsFor (TrackKind kind) noexcept
{
    return kind == TrackKind::dx || kind == TrackKind::adr || kind == TrackKind::guide ? 1 : 2;
}

std::string Session::defaultOutputFor (TrackKind kind) const
{
    const char* stem = nullptr;
    switch (kind)
    {
        case TrackKind::dx:
        case TrackKind::adr: stem = "stem-dx"; break;
        case TrackKind::fx: stem = "stem-fx"; break;
        case TrackKind::mx: stem = "stem-mx"; break;
        case TrackKind::guide: return {};
    }
    return findBus (stem) ? std::string (stem) : std::string();
}
} // namespace loopstage::session
