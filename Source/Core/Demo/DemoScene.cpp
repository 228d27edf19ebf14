#include "Demo/DemoScene.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"

#include <cstdlib>
#include <sstream>

namespace loopstage::demo
{
namespace fs = std::filesystem;

namespace
{
    /** Rows of a tab-separated asset file, without comments and blank lines. */
    std::vector<std::vector<std::string>> readTsv (const fs::path& file)
    {
        std::vector<std::vector<std::string>> rows;
        std::istringstream lines (readWholeFile (file));
        std::string line;
        while (std::getline (lines, line))
        {
            if (line.empty() || line[0] == '#')
                continue;
            std::vector<std::string> fields;
            std::istringstream cells (line);
            std::string cell;
            while (std::getline (cells, cell, '\t'))
                fields.push_back (cell);
            rows.push_back (fields);
        }
        return rows;
    }

    session::Track& addTrack (session::Session& s, const std::string& id, const std::string& name,
                              session::TrackKind kind, int channels)
    {
        session::Track t;
        t.id = id;
        t.name = name;
        t.kind = kind;
        t.channels = channels;
        t.output = s.defaultOutputFor (kind);
        s.tracks.push_back (t);
        return s.tracks.back();
    }

    session::Region& addRegion (session::Session& s, const std::string& track, const fs::path& file, double position)
    {
        const auto info = audio::probeAudio (file);
        session::Region r;
        r.id = s.nextId ("region");
        r.track = track;
        r.file = fs::absolute (file);
        r.position = position;
        r.length = info.durationSeconds();
        r.sourceSampleRate = info.sampleRate;
        r.sourceChannels = info.channels;
        s.regions.push_back (r);
        return s.regions.back();
    }
} // namespace

fs::path assetsFolder()
{
    if (const char* assets = std::getenv ("LOOPSTAGE_ASSETS"))
        return fs::path (assets) / "demo";
    return fs::path (LOOPSTAGE_SOURCE_DIR) / "Assets" / "demo";
}

session::Session buildScene (const fs::path& outDir)
{
    const auto media = outDir / "media";
    auto s = session::Session::withDefaultStems();
    s.name = "Night Shift";
    s.sampleRate = 48000;
    s.frameRate = timecode::FrameRate::parse ("23.976");
    s.startTimecode = { 1, 0, 0, 0 };
    s.picture = session::Picture { fs::absolute (media / "picture.mp4"), s.frameRate, { 1, 0, 0, 0 } };
    s.delivery = session::DeliverySpec { "ebu-r128", "world", { "broadcast", "svod" } };

    addTrack (s, "guide", "Guide (production)", session::TrackKind::guide, 1);
    addRegion (s, "guide", media / "guide.wav", 0.0);
    addTrack (s, "adr", "DX ADR", session::TrackKind::adr, 1);

    // Cues: from each line's start to just before the next line (the scene's end for the last).
    const auto lines = readTsv (assetsFolder() / "lines.tsv");
    for (size_t i = 0; i < lines.size(); ++i)
    {
        const auto& row = lines[i];
        if (row.size() < 4)
            throwFileError (assetsFolder() / "lines.tsv", "line " + std::to_string (i + 1) + " needs 4 tab-separated fields");
        const double start = std::stod (row[2]);
        const double end = i + 1 < lines.size() ? std::stod (lines[i + 1][2]) - 0.5 : 59.0;
        session::AdrCue cue;
        cue.id = row[0];
        cue.character = row[1];
        cue.line = row[3];
        cue.in = s.timecodeAt (start);
        cue.out = s.timecodeAt (end);
        cue.track = "adr";
        for (int n = 1; n <= 2; ++n)
        {
            session::Take take;
            take.id = "cue" + cue.id + "-take" + std::to_string (n);
            take.number = n;
            take.file = fs::absolute (media / "adr" / (take.id + ".wav"));
            cue.takes.push_back (take);
        }
        s.adrCues.push_back (cue);
    }

    addTrack (s, "fx", "FX", session::TrackKind::fx, 1);
    const auto effects = readTsv (assetsFolder() / "effects.tsv");
    for (size_t i = 0; i < effects.size(); ++i)
    {
        char prefix[16];
        std::snprintf (prefix, sizeof (prefix), "%02d-", (int) i + 1);
        addRegion (s, "fx", media / "fx" / (prefix + effects[i][0] + ".wav"), std::stod (effects[i][1]));
    }

    addTrack (s, "score", "Score", session::TrackKind::mx, 2);
    addRegion (s, "score", media / "score.wav", 0.0).musicCue = "1M01";
    session::MusicCue theme;
    theme.id = "1M01";
    theme.title = "Night Shift Theme";
    theme.composer = "LoopStage contributors";
    theme.publisher = "LoopStage (own work)";
    theme.licence = session::LicenceType::own;
    theme.usage = "background";
    theme.notes = "written for the demo scene; Assets/demo/score.tsv";
    s.music.push_back (theme);
    return s;
}

session::Session withUnlicensedRadio (session::Session s, const fs::path& outDir)
{
    s.name = "Night Shift (with radio)";
    addTrack (s, "radio", "Radio (source)", session::TrackKind::mx, 1);
    addRegion (s, "radio", outDir / "media" / "radio.wav", 30.0).musicCue = "1M02";
    session::MusicCue radio;
    radio.id = "1M02";
    radio.title = "Radio Tune";
    radio.composer = "unknown";
    radio.publisher = "unknown";
    radio.licence = session::LicenceType::licensed;   // a commercial track, and no licence on record
    radio.usage = "source";
    s.music.push_back (radio);
    return s;
}
} // namespace loopstage::demo
