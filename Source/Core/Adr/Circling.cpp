#include "Adr/Circling.h"
#include "Adr/BestTake.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/Error.h"

#include <algorithm>

namespace loopstage::adr
{
namespace
{
    session::AdrCue& requireCue (session::Session& s, const std::string& cueId)
    {
        auto* cue = s.findCue (cueId);
        if (cue == nullptr)
            throw InputError ("no ADR cue '" + cueId + "' in the session");
        return *cue;
    }

    void circle (session::Session& s, const std::string& cueId, const std::string& takeId)
    {
        auto& cue = requireCue (s, cueId);
        auto chosen = std::find_if (cue.takes.begin(), cue.takes.end(), [&] (auto& t) { return t.id == takeId; });
        if (chosen == cue.takes.end())
            throw InputError ("cue " + cueId + " has no take '" + takeId + "'");
        if (cue.track.empty() || s.findTrack (cue.track) == nullptr)
            throw InputError ("cue " + cueId + " has no ADR track to play its circled take on");
        if (! chosen->aligned)
            throw InputError ("take " + takeId + " of cue " + cueId + " has no aligned copy to play (align it first)");
        const auto aligned = *chosen->aligned;

        for (auto& t : cue.takes)
        {
            if (! t.region.empty())
                std::erase_if (s.regions, [&] (auto& r) { return r.id == t.region; });
            t.region.clear();
            t.circled = t.id == takeId;
        }

        session::Region region;
        region.id = s.nextId ("region");
        region.track = cue.track;
        region.file = aligned.file;
        region.position = (double) aligned.position / s.sampleRate;
        region.length = (double) aligned.length / s.sampleRate;
        region.fadeIn = region.fadeOut = 0.02;   // no click where the handles start and end
        const auto info = audio::probeAudio (aligned.file);
        region.sourceSampleRate = info.sampleRate;
        region.sourceChannels = info.channels;
        s.regions.push_back (region);
        s.findTake (takeId)->region = region.id;
    }
} // namespace

session::Change circleTake (std::string cueId, std::string takeId)
{
    return { "Circle take " + takeId, [cueId, takeId] (session::Session& s) { circle (s, cueId, takeId); } };
}

session::Change circleBestTake (std::string cueId)
{
    return { "Circle the best take of cue " + cueId, [cueId] (session::Session& s)
             {
                 const auto* best = bestSyncedTake (requireCue (s, cueId));
                 if (best == nullptr)
                     throw InputError ("cue " + cueId + " has no aligned take to circle");
                 circle (s, cueId, best->id);
             } };
}

session::Change rateTake (std::string takeId, int rating)
{
    return { "Rate take " + takeId, [takeId, rating] (session::Session& s)
             {
                 auto* take = s.findTake (takeId);
                 if (take == nullptr)
                     throw InputError ("no take '" + takeId + "'");
                 if (rating < 0 || rating > 5)
                     throw InputError ("a rating is 0 to 5, got " + std::to_string (rating));
                 take->rating = rating;
             } };
}
} // namespace loopstage::adr
