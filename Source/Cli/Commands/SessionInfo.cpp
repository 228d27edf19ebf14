// loopstage session info: what a session holds, and what needs attention.
#include "SessionCli.h"
#include "Base/Error.h"
#include "Session/SessionWarnings.h"

#include <map>

namespace loopstage::cli::sessioncli
{
using namespace loopstage::session;

namespace
{
    Json orNull (const std::string& s) { return s.empty() ? Json (nullptr) : Json (s); }
} // namespace

int runInfo (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    const auto doc = openWithHistory (file);
    const auto& s = doc.session();
    const auto& rate = s.frameRate;
    const double duration = s.duration();

    const auto warnings = sessionWarnings (s);
    std::map<std::string, int> regionsPerTrack;
    std::map<std::string, double> musicSeconds;
    std::map<std::string, int> musicRegions;
    Json regions = Json::array();
    for (auto& r : s.regions)
    {
        ++regionsPerTrack[r.track];
        const bool missing = ! std::filesystem::exists (r.file);
        const bool rateDiffers = r.sourceSampleRate && *r.sourceSampleRate != s.sampleRate;
        if (! r.musicCue.empty())
        {
            musicSeconds[r.musicCue] += r.length;
            ++musicRegions[r.musicCue];
        }
        regions.push_back ({ { "id", r.id }, { "track", r.track }, { "file", r.file.string() }, { "position", r.position },
                             { "length", r.length }, { "source_offset", r.sourceOffset }, { "gain_db", r.gainDb },
                             { "timecode", timecode::format (s.timecodeAt (r.position), rate) },
                             { "music_cue", orNull (r.musicCue) },
                             { "source_sample_rate", r.sourceSampleRate ? Json (*r.sourceSampleRate) : Json (nullptr) },
                             { "sample_rate_matches", ! rateDiffers }, { "missing", missing } });
    }

    Json tracks = Json::array();
    for (auto& t : s.tracks)
    {
        tracks.push_back ({ { "id", t.id }, { "name", t.name }, { "kind", toString (t.kind) }, { "channels", t.channels },
                            { "output", orNull (t.output) }, { "regions", regionsPerTrack[t.id] } });
    }
    Json buses = Json::array();
    int stems = 0;
    for (auto& b : s.buses)
    {
        stems += b.isStem ? 1 : 0;
        buses.push_back ({ { "id", b.id }, { "name", b.name }, { "channels", b.channels }, { "stem", b.isStem }, { "output", orNull (b.output) } });
    }

    Json cues = Json::array();
    int takes = 0;
    for (auto& c : s.adrCues)
    {
        takes += (int) c.takes.size();
        std::string circled;
        Json cueTakes = Json::array();
        for (auto& t : c.takes)
        {
            if (t.circled)
                circled = t.id;
            cueTakes.push_back ({ { "id", t.id }, { "file", t.file.string() }, { "number", t.number }, { "rating", t.rating }, { "circled", t.circled },
                                  { "offset", t.offset ? Json (*t.offset) : Json (nullptr) }, { "warp_points", t.warp.size() },
                                  { "sync_median_ms", t.syncScore ? Json (t.syncScore->medianMs) : Json (nullptr) },
                                  { "sync_p95_ms", t.syncScore ? Json (t.syncScore->p95Ms) : Json (nullptr) },
                                  { "confidence", t.confidence ? Json (*t.confidence) : Json (nullptr) },
                                  { "aligned_file", t.aligned ? Json (t.aligned->file.string()) : Json (nullptr) },
                                  { "region", orNull (t.region) } });
        }
        cues.push_back ({ { "id", c.id }, { "character", c.character }, { "line", c.line },
                          { "timecode_in", timecode::format (c.in, rate) }, { "timecode_out", timecode::format (c.out, rate) },
                          { "track", orNull (c.track) }, { "takes", cueTakes }, { "circled", orNull (circled) } });
    }

    Json music = Json::array();
    for (auto& m : s.music)
    {
        music.push_back ({ { "id", m.id }, { "title", m.title }, { "composer", m.composer }, { "publisher", m.publisher },
                           { "licence", toString (m.licence) }, { "licence_id", orNull (m.licenceId) },
                           { "territories", m.territories }, { "media", m.media }, { "term_start", orNull (m.termStart) },
                           { "term_end", orNull (m.termEnd) }, { "regions", musicRegions[m.id] }, { "seconds_used", musicSeconds[m.id] } });
    }

    Json result {
        { "file", file.string() },
        { "name", s.name },
        { "schema_version", schemaVersion },
        { "sample_rate", s.sampleRate },
        { "frame_rate", rate.name() },
        { "start_timecode", timecode::format (s.startTimecode, rate) },
        { "duration", duration },
        { "end_timecode", timecode::format (s.timecodeAt (duration), rate) },
        { "picture", s.picture ? Json { { "file", s.picture->file.string() }, { "frame_rate", s.picture->frameRate.name() },
                                        { "start_timecode", timecode::format (s.picture->startTimecode, s.picture->frameRate) } }
                               : Json (nullptr) },
        { "delivery", s.delivery ? Json { { "spec", s.delivery->spec }, { "territory", s.delivery->territory }, { "media", s.delivery->media } }
                                 : Json (nullptr) },
        { "counts", { { "tracks", s.tracks.size() }, { "regions", s.regions.size() }, { "buses", s.buses.size() - (std::size_t) stems },
                      { "stems", stems }, { "adr_cues", s.adrCues.size() }, { "takes", takes }, { "music_cues", s.music.size() } } },
        { "tracks", tracks },
        { "buses", buses },
        { "regions", regions },
        { "adr_cues", cues },
        { "music", music },
        { "warnings", warnings },
        { "undo", orNull (doc.undoLabel()) },
        { "redo", orNull (doc.redoLabel()) },
    };

    std::string human = s.name + "  (" + file.filename().string() + ")\n";
    human += "  " + fixed (s.sampleRate, 0) + " Hz, " + rate.name() + " fps, " + timecode::format (s.startTimecode, rate) + " - "
             + timecode::format (s.timecodeAt (duration), rate) + " (" + fixed (duration, 3) + " s)\n";
    if (s.picture)
        human += "  picture: " + s.picture->file.string() + "\n";
    if (s.delivery)
        human += "  delivery: " + s.delivery->spec + (s.delivery->territory.empty() ? "" : ", " + s.delivery->territory) + "\n";
    human += "  tracks " + std::to_string (s.tracks.size()) + ", regions " + std::to_string (s.regions.size()) + ", stems "
             + std::to_string (stems) + ", buses " + std::to_string (s.buses.size() - (std::size_t) stems) + ", ADR cues "
             + std::to_string (s.adrCues.size()) + ", takes " + std::to_string (takes) + ", music cues " + std::to_string (s.music.size()) + "\n";
    for (auto& t : s.tracks)
        human += "    " + t.id + "  " + t.name + " [" + toString (t.kind) + ", " + std::to_string (t.channels) + " ch] "
                 + std::to_string (regionsPerTrack[t.id]) + " regions -> " + (t.output.empty() ? "-" : t.output) + "\n";
    for (auto& c : s.adrCues)
        human += "    cue " + c.id + "  " + c.character + "  " + timecode::format (c.in, rate) + "  \"" + c.line + "\"  "
                 + std::to_string (c.takes.size()) + " takes\n";
    for (auto& m : s.music)
        human += "    music " + m.id + "  " + m.title + " (" + toString (m.licence) + (m.licenceId.empty() ? "" : " " + m.licenceId) + ")\n";
    for (auto& w : warnings)
        human += "  warning: " + w + "\n";
    out.result (result, human);
    return exitOk;
}
} // namespace loopstage::cli::sessioncli
