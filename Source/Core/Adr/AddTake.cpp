#include "Adr/AddTake.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Base/Json.h"
#include "Session/SessionLookup.h"

#include <algorithm>

namespace loopstage::adr
{
void readAlignmentFile (const std::filesystem::path& file, session::Take& t)
{
    try
    {
        const auto a = Json::parse (readWholeFile (file));
        t.offset = a.at ("offset_seconds").get<double>();
        if (a.contains ("warp") && a["warp"].is_array())
            for (auto& pair : a["warp"])
                t.warp.push_back ({ pair.at (0).get<double>(), pair.at (1).get<double>() });
        if (a.contains ("sync_score") && a["sync_score"].is_object())
            t.syncScore = session::SyncScore { a["sync_score"].at ("median_ms").get<double>(), a["sync_score"].at ("p95_ms").get<double>() };
        if (a.contains ("confidence") && a["confidence"].is_number())
            t.confidence = a["confidence"].get<double>();
    }
    catch (const Json::exception& e)
    {
        throwFileError (file, std::string ("not an alignment from `loopstage align --json` (") + e.what() + ")");
    }
}

TakeToAdd addTakeToCue (const session::SessionDocument& document, const std::string& cueId, session::Take t, bool place)
{
    const auto& s = document.session();
    const auto& cue = session::requireCue (document, cueId);
    t.file = std::filesystem::absolute (t.file).lexically_normal();
    const auto info = audio::probeAudio (t.file);
    if (t.id.empty())
        t.id = s.nextId ("take");
    if (t.number <= 0)
        t.number = (int) cue.takes.size() + 1;

    std::vector<session::Change> changes;
    if (place)
    {
        if (cue.track.empty())
            throwFileError (document.file(), "cue '" + cueId + "' has no ADR track to place the take on (add-cue --track)");
        // take(t + offset) ≈ guide(t), the guide starting at the cue's in-point.
        const double offset = t.offset.value_or (0.0);
        session::Region placed;
        placed.id = s.nextId ("region");
        placed.track = cue.track;
        placed.file = t.file;
        placed.position = s.secondsAt (cue.in) + std::max (0.0, -offset);
        placed.sourceOffset = std::max (0.0, offset);
        placed.length = info.durationSeconds() - placed.sourceOffset;
        placed.sourceSampleRate = info.sampleRate;
        placed.sourceChannels = info.channels;
        if (placed.length <= 0)
            throwFileError (t.file, "the take is shorter than its offset");
        t.region = placed.id;
        changes.push_back (session::addRegion (placed));
    }
    changes.push_back (session::addTake (cueId, t));
    return { t, session::group ("Add take " + t.id, changes) };
}
} // namespace loopstage::adr
