// The consistency rules of a session; messages name the JSON path of the offending field so
// the same check reads well after an edit ("tracks[2].output: ...") and on load.
#include "Session/Validate.h"
#include "Base/Error.h"
#include "Dsp/ProcessorParameters.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace loopstage::session
{
namespace
{
    [[noreturn]] void fail (const std::string& path, const std::string& problem)
    {
        throw InputError (path + ": " + problem);
    }

    std::string at (const std::string& list, std::size_t index)
    {
        return list + "[" + std::to_string (index) + "]";
    }

    void checkFinite (double v, const std::string& path)
    {
        if (! std::isfinite (v))
            fail (path, "not a finite number");
    }

    void checkRange (double v, double lo, double hi, const std::string& path)
    {
        checkFinite (v, path);
        if (v < lo || v > hi)
            fail (path, "must be between " + std::to_string ((int) lo) + " and " + std::to_string ((int) hi));
    }

    bool isIsoDate (const std::string& s)
    {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-')
            return false;
        for (std::size_t i : { 0, 1, 2, 3, 5, 6, 8, 9 })
            if (s[i] < '0' || s[i] > '9')
                return false;
        const int month = std::stoi (s.substr (5, 2)), day = std::stoi (s.substr (8, 2));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    void checkStrip (const Strip& s, const std::string& path, const Session& session)
    {
        if (s.id.empty())
            fail (path + ".id", "must not be empty");
        if (s.channels != 1 && s.channels != 2 && s.channels != 6)
            fail (path + ".channels", "must be 1, 2 or 6 (5.1), got " + std::to_string (s.channels));
        checkFinite (s.gainDb, path + ".gain_db");
        checkRange (s.pan, -1, 1, path + ".pan");
        checkRange (s.panFrontBack, -1, 1, path + ".pan_front_back");
        if (! s.output.empty() && ! session.findBus (s.output))
            fail (path + ".output", "no bus or stem '" + s.output + "'");
        if (s.output == s.id)
            fail (path + ".output", "a strip cannot feed itself");
        for (std::size_t i = 0; i < s.sends.size(); ++i)
        {
            auto& send = s.sends[i];
            const auto p = at (path + ".sends", i);
            if (! session.findBus (send.bus))
                fail (p + ".bus", "no bus or stem '" + send.bus + "'");
            if (send.bus == s.id)
                fail (p + ".bus", "a strip cannot send to itself");
            checkFinite (send.levelDb, p + ".level_db");
        }
        std::set<std::string> insertIds;
        for (std::size_t i = 0; i < s.inserts.size(); ++i)
        {
            auto& ins = s.inserts[i];
            const auto p = at (path + ".inserts", i);
            if (ins.id.empty() || ! insertIds.insert (ins.id).second)
                fail (p + ".id", ins.id.empty() ? "must not be empty" : "duplicate insert id '" + ins.id + "'");
            if (ins.plugin.empty())
                fail (p + ".plugin", "must not be empty");
            const auto& builtins = builtinInsertNames();
            if (ins.kind == Insert::Kind::builtin && std::find (builtins.begin(), builtins.end(), ins.plugin) == builtins.end())
            {
                std::string known;
                for (auto& b : builtins)
                    known += (known.empty() ? "" : ", ") + b;
                fail (p + ".plugin", "unknown built-in '" + ins.plugin + "' (" + known + ")");
            }
            if (! ins.parameters.is_object())
                fail (p + ".parameters", "must be an object");
        }
        std::set<AutomationLane::Parameter> lanes;
        for (std::size_t i = 0; i < s.automation.size(); ++i)
        {
            auto& lane = s.automation[i];
            const auto p = at (path + ".automation", i);
            if (! lanes.insert (lane.parameter).second)
                fail (p + ".parameter", "a second lane for the same parameter");
            for (std::size_t k = 0; k < lane.points.size(); ++k)
            {
                checkFinite (lane.points[k].time, at (p + ".points", k));
                checkFinite (lane.points[k].value, at (p + ".points", k));
                if (k > 0 && lane.points[k].time < lane.points[k - 1].time)
                    fail (at (p + ".points", k), "points must be in time order");
            }
        }
    }

    /** Every strip's outputs and sends, to find feedback loops. */
    void checkRouting (const Session& session)
    {
        std::map<std::string, std::vector<std::string>> feeds;
        std::map<std::string, std::string> pathOf;
        auto add = [&] (const Strip& s, const std::string& path)
        {
            pathOf[s.id] = path;
            if (! s.output.empty())
                feeds[s.id].push_back (s.output);
            for (auto& send : s.sends)
                feeds[s.id].push_back (send.bus);
        };
        for (std::size_t i = 0; i < session.buses.size(); ++i)
            add (session.buses[i], at ("buses", i));
        add (session.master, "master");

        std::map<std::string, int> state;   // 1 visiting, 2 done
        std::function<void (const std::string&)> visit = [&] (const std::string& id)
        {
            state[id] = 1;
            for (auto& next : feeds[id])
            {
                if (state[next] == 1)
                    fail (pathOf[id], "routing loop through '" + next + "'");
                if (state[next] == 0)
                    visit (next);
            }
            state[id] = 2;
        };
        for (auto& [id, _] : pathOf)
            if (state[id] == 0)
                visit (id);
    }

    void checkTake (const Take& t, const std::string& p, const Session& session)
    {
        if (t.id.empty())
            fail (p + ".id", "must not be empty");
        if (t.file.empty())
            fail (p + ".file", "must not be empty");
        if (t.number < 1)
            fail (p + ".number", "take numbers start at 1");
        if (t.rating < 0 || t.rating > 5)
            fail (p + ".rating", "must be 0 to 5, got " + std::to_string (t.rating));
        if (t.offset)
            checkFinite (*t.offset, p + ".offset");
        for (std::size_t k = 0; k < t.warp.size(); ++k)
        {
            checkFinite (t.warp[k].guide, at (p + ".warp", k));
            checkFinite (t.warp[k].take, at (p + ".warp", k));
            if (k > 0 && (t.warp[k].guide <= t.warp[k - 1].guide || t.warp[k].take < t.warp[k - 1].take))
                fail (at (p + ".warp", k), "warp map must be monotonic (guide rising, take not falling)");
        }
        if (t.syncScore && (t.syncScore->medianMs < 0 || t.syncScore->p95Ms < 0))
            fail (p + ".sync_score", "must not be negative");
        if (t.confidence && ! (*t.confidence >= 0.0 && *t.confidence <= 1.0))
            fail (p + ".confidence", "must be 0 to 1");
        if (t.aligned)
        {
            if (t.aligned->file.empty())
                fail (p + ".aligned.file", "must not be empty");
            if (t.aligned->position < 0)
                fail (p + ".aligned.position_samples", "must not be negative");
            if (t.aligned->length <= 0)
                fail (p + ".aligned.length_samples", "must be positive");
        }
        if (! t.region.empty() && ! session.findRegion (t.region))
            fail (p + ".region", "no region '" + t.region + "'");
    }
} // namespace

// The built-in processors' names are Dsp's (the parameter tables beside them).
const std::vector<std::string>& builtinInsertNames()
{
    static const std::vector<std::string> names (dsp::builtinProcessors.begin(), dsp::builtinProcessors.end());
    return names;
}

// The names of deliver::findSpec's table, kept equal to it by a test in Tests/Core/Export: the
// document model does not link the delivery DSP just to check a name.
const std::vector<std::string>& deliverySpecNames()
{
    static const std::vector<std::string> names { "ebu-r128", "atsc-a85", "netflix", "apple-podcasts", "spotify" };
    return names;
}

namespace
{
    std::string joinedSpecNames()
    {
        std::string joined;
        for (auto& name : deliverySpecNames())
            joined += (joined.empty() ? "" : ", ") + name;
        return joined;
    }
} // namespace

void validate (const Session& session)
{
    if (session.name.empty())
        fail ("name", "must not be empty");
    if (! std::isfinite (session.sampleRate) || session.sampleRate < 8000 || session.sampleRate > 768000)
        fail ("sample_rate", "must be between 8000 and 768000 Hz");
    try
    {
        timecode::toFrames (session.startTimecode, session.frameRate);
    }
    catch (const InputError& e)
    {
        fail ("start_timecode", e.what());
    }

    std::set<std::string> stripIds;
    auto claim = [&] (std::set<std::string>& ids, const std::string& id, const std::string& path)
    {
        if (! ids.insert (id).second)
            fail (path, "duplicate id '" + id + "'");
    };

    if (session.master.id != "master")
        fail ("master.id", "must be 'master'");
    claim (stripIds, session.master.id, "master.id");
    for (std::size_t i = 0; i < session.tracks.size(); ++i)
        claim (stripIds, session.tracks[i].id, at ("tracks", i) + ".id");
    for (std::size_t i = 0; i < session.buses.size(); ++i)
        claim (stripIds, session.buses[i].id, at ("buses", i) + ".id");

    for (std::size_t i = 0; i < session.tracks.size(); ++i)
        checkStrip (session.tracks[i], at ("tracks", i), session);
    for (std::size_t i = 0; i < session.buses.size(); ++i)
        checkStrip (session.buses[i], at ("buses", i), session);
    checkStrip (session.master, "master", session);
    if (! session.master.output.empty() || ! session.master.sends.empty())
        fail ("master.output", "the master feeds nothing");
    checkRouting (session);

    std::set<std::string> regionIds;
    for (std::size_t i = 0; i < session.regions.size(); ++i)
    {
        auto& r = session.regions[i];
        const auto p = at ("regions", i);
        if (r.id.empty())
            fail (p + ".id", "must not be empty");
        claim (regionIds, r.id, p + ".id");
        if (! session.findTrack (r.track))
            fail (p + ".track", "no track '" + r.track + "'");
        if (r.file.empty())
            fail (p + ".file", "must not be empty");
        for (auto [v, name] : { std::pair { r.sourceOffset, ".source_offset" }, std::pair { r.position, ".position" },
                                std::pair { r.fadeIn, ".fade_in" }, std::pair { r.fadeOut, ".fade_out" } })
        {
            checkFinite (v, p + name);
            if (v < 0)
                fail (p + name, "must not be negative");
        }
        checkFinite (r.length, p + ".length");
        checkFinite (r.gainDb, p + ".gain_db");
        if (r.length <= 0)
            fail (p + ".length", "must be positive");
        if (r.fadeIn + r.fadeOut > r.length + 1e-9)
            fail (p + ".fade_in", "fades are longer than the region");
        if (! r.musicCue.empty() && ! session.findMusic (r.musicCue))
            fail (p + ".music_cue", "no music cue '" + r.musicCue + "' in the register");
        if (r.sourceSampleRate && ! (*r.sourceSampleRate > 0))
            fail (p + ".source_sample_rate", "must be positive");
        if (r.sourceChannels && *r.sourceChannels < 1)
            fail (p + ".source_channels", "must be positive");
        if (const auto* track = session.findTrack (r.track); track != nullptr && ! r.channelMap.empty())
        {
            if ((int) r.channelMap.size() != track->channels)
                fail (p + ".channel_map", "has " + std::to_string (r.channelMap.size()) + " entries for a "
                                              + std::to_string (track->channels) + "-channel track (one per track channel)");
            for (int c : r.channelMap)
                if (c < 0 || (r.sourceChannels && c > *r.sourceChannels))
                    fail (p + ".channel_map", "picks channel " + std::to_string (c) + " of a "
                                                  + std::to_string (r.sourceChannels.value_or (0)) + "-channel file");
        }
    }

    std::set<std::string> cueIds, takeIds;
    for (std::size_t i = 0; i < session.adrCues.size(); ++i)
    {
        auto& c = session.adrCues[i];
        const auto p = at ("adr_cues", i);
        if (c.id.empty())
            fail (p + ".id", "must not be empty");
        claim (cueIds, c.id, p + ".id");
        std::int64_t in = 0, out = 0;
        try
        {
            in = timecode::toFrames (c.in, session.frameRate);
        }
        catch (const InputError& e)
        {
            fail (p + ".timecode_in", e.what());
        }
        try
        {
            out = timecode::toFrames (c.out, session.frameRate);
        }
        catch (const InputError& e)
        {
            fail (p + ".timecode_out", e.what());
        }
        if (out <= in)
            fail (p + ".timecode_out", "must be after timecode_in");
        if (! c.track.empty() && ! session.findTrack (c.track))
            fail (p + ".track", "no track '" + c.track + "'");
        for (std::size_t k = 0; k < c.takes.size(); ++k)
        {
            const auto tp = at (p + ".takes", k);
            claim (takeIds, c.takes[k].id, tp + ".id");
            checkTake (c.takes[k], tp, session);
        }
    }

    std::set<std::string> musicIds;
    for (std::size_t i = 0; i < session.music.size(); ++i)
    {
        auto& m = session.music[i];
        const auto p = at ("music", i);
        if (m.id.empty())
            fail (p + ".id", "must not be empty");
        claim (musicIds, m.id, p + ".id");
        if (m.title.empty())
            fail (p + ".title", "must not be empty");
        if (! m.termStart.empty() && ! isIsoDate (m.termStart))
            fail (p + ".term_start", "expected a date YYYY-MM-DD, got '" + m.termStart + "'");
        if (! m.termEnd.empty() && ! isIsoDate (m.termEnd))
            fail (p + ".term_end", "expected a date YYYY-MM-DD, got '" + m.termEnd + "'");
        if (! m.termStart.empty() && ! m.termEnd.empty() && m.termEnd < m.termStart)
            fail (p + ".term_end", "ends before term_start");
    }

    if (session.picture && session.picture->file.empty())
        fail ("picture.file", "must not be empty");
    if (session.delivery)
    {
        auto& names = deliverySpecNames();
        if (std::find (names.begin(), names.end(), session.delivery->spec) == names.end())
            fail ("delivery.spec", "unknown spec '" + session.delivery->spec
                                       + "' (" + joinedSpecNames() + ")");
    }
}
} // namespace loopstage::session
