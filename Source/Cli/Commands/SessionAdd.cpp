// loopstage session add-*: tracks, regions, ADR cues and takes, music register entries.
#include "SessionCli.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"

#include <cmath>

namespace loopstage::cli::sessioncli
{
using namespace loopstage::session;

namespace
{
    double optionalNumber (const Args& args, const std::string& name, double fallback)
    {
        return args.number (name).value_or (fallback);
    }

    int wholeNumber (const Args& args, const std::string& name, int fallback)
    {
        const auto v = args.number (name);
        if (! v)
            return fallback;
        if (*v != std::floor (*v) || std::abs (*v) > 1e6)
            throw InputError ("--" + name + " expects a whole number");
        return (int) *v;
    }

    timecode::Timecode timecodeArg (const Session& s, const std::string& option, const std::string& text)
    {
        try
        {
            const auto tc = timecode::parse (text, s.frameRate);
            timecode::toFrames (tc, s.frameRate);
            return tc;
        }
        catch (const InputError& e)
        {
            throw InputError ("--" + option + ": " + e.what());
        }
    }

    std::string describe (const Region& r)
    {
        return r.id + " on " + r.track + ": " + r.file.filename().string() + " at " + fixed (r.position, 3) + " s for "
               + fixed (r.length, 3) + " s";
    }
} // namespace

int runAddTrack (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openForEdit (sessionFileArg (args));
    Track t;
    const auto kindName = requireValue (args, "kind");
    const auto kind = parseTrackKind (kindName);
    if (! kind)
        throw InputError ("--kind: unknown kind '" + kindName + "' (dx, fx, mx, guide, adr)");
    t.kind = *kind;
    t.name = requireValue (args, "name");
    t.id = args.value ("id").value_or (doc.session().nextId ("track"));
    t.channels = wholeNumber (args, "channels", t.kind == TrackKind::dx || t.kind == TrackKind::adr || t.kind == TrackKind::guide ? 1 : 2);
    t.output = args.value ("output").value_or (doc.session().defaultOutputFor (t.kind));
    commit (doc, addTrack (t));

    auto result = editResult (doc, t.id);
    result.update ({ { "name", t.name }, { "kind", toString (t.kind) }, { "channels", t.channels }, { "output", t.output } });
    out.result (result, "added track " + t.id + " '" + t.name + "' (" + toString (t.kind) + ", " + std::to_string (t.channels)
                            + " ch) -> " + (t.output.empty() ? "not routed" : t.output));
    return exitOk;
}

int runAddRegion (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    const auto& s = doc.session();

    Region r;
    r.track = findTrackArg (s, requireValue (args, "track"), file).id;
    r.file = std::filesystem::absolute (requireValue (args, "file")).lexically_normal();
    const auto info = audio::probeAudio (r.file);   // InputError naming the audio file
    r.sourceSampleRate = info.sampleRate;
    r.sourceChannels = info.channels;

    if (args.value ("at").has_value() == args.value ("at-timecode").has_value())
        throw UsageError ("give exactly one of --at SECONDS or --at-timecode TC");
    r.position = args.value ("at") ? requireNumber (args, "at") : s.secondsAt (timecodeArg (s, "at-timecode", *args.value ("at-timecode")));
    if (r.position < 0)
        throw InputError ("the region would start before the session's start timecode");

    r.sourceOffset = optionalNumber (args, "offset", 0.0);
    const double available = info.durationSeconds() - r.sourceOffset;
    if (r.sourceOffset < 0 || available <= 0)
        throwFileError (r.file, "--offset " + fixed (r.sourceOffset, 3) + " s is outside the file (" + fixed (info.durationSeconds(), 3) + " s long)");
    r.length = optionalNumber (args, "length", available);
    if (r.length > available + 1e-9)
        throwFileError (r.file, "--length " + fixed (r.length, 3) + " s runs past the end of the file (" + fixed (available, 3) + " s after the offset)");
    r.gainDb = optionalNumber (args, "gain", 0.0);
    r.fadeIn = optionalNumber (args, "fade-in", 0.0);
    r.fadeOut = optionalNumber (args, "fade-out", 0.0);
    if (auto shape = args.value ("fade-shape"))
    {
        const auto parsed = parseFadeShape (*shape);
        if (! parsed)
            throw InputError ("--fade-shape: unknown shape '" + *shape + "' (linear, equal-power)");
        r.fadeInShape = r.fadeOutShape = *parsed;
    }
    r.musicCue = args.value ("music-cue").value_or ("");
    r.id = args.value ("id").value_or (s.nextId ("region"));
    commit (doc, addRegion (r));

    auto result = editResult (doc, r.id);
    result.update ({ { "track", r.track }, { "position", r.position }, { "length", r.length }, { "source_offset", r.sourceOffset },
                     { "source_sample_rate", info.sampleRate }, { "sample_rate_matches", info.sampleRate == doc.session().sampleRate } });
    std::string human = "added region " + describe (r);
    if (info.sampleRate != doc.session().sampleRate)
        human += "\n  note: the file is " + fixed (info.sampleRate, 0) + " Hz, the session " + fixed (doc.session().sampleRate, 0) + " Hz";
    out.result (result, human);
    return exitOk;
}

int runAddCue (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    const auto& s = doc.session();
    AdrCue c;
    c.id = args.value ("id").value_or (s.nextId ("cue"));
    c.character = args.value ("character").value_or ("");
    c.line = args.value ("line").value_or ("");
    c.in = timecodeArg (s, "in", requireValue (args, "in"));
    c.out = timecodeArg (s, "out", requireValue (args, "out"));
    if (auto track = args.value ("track"))
        c.track = findTrackArg (s, *track, file).id;
    c.notes = args.value ("notes").value_or ("");
    commit (doc, addCue (c));

    const auto& rate = doc.session().frameRate;
    auto result = editResult (doc, c.id);
    result.update ({ { "character", c.character }, { "timecode_in", timecode::format (c.in, rate) },
                     { "timecode_out", timecode::format (c.out, rate) } });
    out.result (result, "added cue " + c.id + (c.character.empty() ? "" : " " + c.character) + " "
                            + timecode::format (c.in, rate) + " - " + timecode::format (c.out, rate));
    return exitOk;
}

int runAddTake (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    const auto& s = doc.session();
    const auto cueId = requireValue (args, "cue");
    const auto* cue = s.findCue (cueId);
    if (! cue)
        throwFileError (file, "no cue '" + cueId + "'");

    Take t;
    t.file = std::filesystem::absolute (requireValue (args, "file")).lexically_normal();
    const auto info = audio::probeAudio (t.file);
    t.id = args.value ("id").value_or (s.nextId ("take"));
    t.number = wholeNumber (args, "number", (int) cue->takes.size() + 1);
    t.rating = wholeNumber (args, "rating", 0);
    t.circled = args.flag ("circled");
    t.notes = args.value ("notes").value_or ("");
    if (auto alignment = args.value ("alignment"))
    {
        // The output of `loopstage align --json`: offset_seconds, warp, sync_score.
        Json a;
        try
        {
            a = Json::parse (readWholeFile (*alignment));
            t.offset = a.at ("offset_seconds").get<double>();
            if (a.contains ("warp") && a["warp"].is_array())
                for (auto& pair : a["warp"])
                    t.warp.push_back ({ pair.at (0).get<double>(), pair.at (1).get<double>() });
            if (a.contains ("sync_score") && a["sync_score"].is_object())
                t.syncScore = SyncScore { a["sync_score"].at ("median_ms").get<double>(), a["sync_score"].at ("p95_ms").get<double>() };
        }
        catch (const Json::exception& e)
        {
            throwFileError (*alignment, std::string ("not an alignment from `loopstage align --json` (") + e.what() + ")");
        }
    }
    if (args.value ("offset"))
        t.offset = requireNumber (args, "offset");

    std::vector<Change> edits;
    Region placed;
    if (args.flag ("place"))
    {
        if (cue->track.empty())
            throwFileError (file, "cue '" + cueId + "' has no ADR track to place the take on (add-cue --track)");
        // take(t + offset) ≈ guide(t), the guide starting at the cue's in-point.
        const double offset = t.offset.value_or (0.0);
        placed.id = s.nextId ("region");
        placed.track = cue->track;
        placed.file = t.file;
        placed.position = s.secondsAt (cue->in) + std::max (0.0, -offset);
        placed.sourceOffset = std::max (0.0, offset);
        placed.length = info.durationSeconds() - placed.sourceOffset;
        placed.sourceSampleRate = info.sampleRate;
        placed.sourceChannels = info.channels;
        if (placed.length <= 0)
            throwFileError (t.file, "the take is shorter than its offset");
        t.region = placed.id;
        edits.push_back (addRegion (placed));
    }
    edits.push_back (addTake (cueId, t));
    commit (doc, group ("Add take " + t.id, edits));

    auto result = editResult (doc, t.id);
    result.update ({ { "cue", cueId }, { "number", t.number }, { "offset", t.offset ? Json (*t.offset) : Json (nullptr) },
                     { "warp_points", t.warp.size() }, { "region", t.region.empty() ? Json (nullptr) : Json (t.region) } });
    out.result (result, "added take " + t.id + " (cue " + cueId + ", take " + std::to_string (t.number) + ")"
                            + (t.offset ? ", offset " + fixed (*t.offset, 4) + " s" : "")
                            + (t.region.empty() ? "" : ", placed as " + t.region));
    return exitOk;
}

int runAddMusic (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openForEdit (sessionFileArg (args));
    MusicCue m;
    m.id = requireValue (args, "id");
    m.title = requireValue (args, "title");
    const auto licence = requireValue (args, "licence");
    const auto type = parseLicenceType (licence);
    if (! type)
        throw InputError ("--licence: unknown licence type '" + licence + "' (own, licensed, library)");
    m.licence = *type;
    m.licenceId = args.value ("licence-id").value_or ("");
    m.composer = args.value ("composer").value_or ("");
    m.publisher = args.value ("publisher").value_or ("");
    m.territories = args.values ("territory");
    m.media = args.values ("media");
    m.termStart = args.value ("term-start").value_or ("");
    m.termEnd = args.value ("term-end").value_or ("");
    m.usage = args.value ("usage").value_or ("");
    m.notes = args.value ("notes").value_or ("");
    commit (doc, addMusic (m));

    auto result = editResult (doc, m.id);
    result.update ({ { "title", m.title }, { "licence", toString (m.licence) } });
    out.result (result, "added music cue " + m.id + " '" + m.title + "' (" + toString (m.licence) + ")");
    return exitOk;
}
} // namespace loopstage::cli::sessioncli
