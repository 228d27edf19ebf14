// loopstage session add-*: tracks, regions, ADR cues and takes, music register entries.
#include "SessionCli.h"
#include "Adr/AddTake.h"
#include "Session/RegionFromFile.h"
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

    std::string describe (const Region& r)
    {
        return r.id + " on " + r.track + ": " + r.file.filename().string() + " at " + fixed (r.position, 3) + " s for "
               + fixed (r.length, 3) + " s";
    }
} // namespace

int runAddTrack (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openWithHistory (sessionFileArg (args));
    Track t;
    const auto kindName = requireValue (args, "kind");
    const auto kind = parseTrackKind (kindName);
    if (! kind)
        throw InputError ("--kind: unknown kind '" + kindName + "' (dx, fx, mx, guide, adr)");
    t.kind = *kind;
    t.name = requireValue (args, "name");
    t.id = args.value ("id").value_or (doc.session().nextId ("track"));
    t.channels = wholeNumber (args, "channels", defaultChannelsFor (t.kind));
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
    auto doc = openWithHistory (file);
    const auto& s = doc.session();

    Region wanted;
    wanted.track = requireValue (args, "track");
    wanted.file = requireValue (args, "file");
    if (args.value ("at").has_value() == args.value ("at-timecode").has_value())
        throw UsageError ("give exactly one of --at SECONDS or --at-timecode TC");
    wanted.position = args.value ("at") ? requireNumber (args, "at") : s.secondsAt (timecodeArg (*args.value ("at-timecode"), s.frameRate, "at-timecode"));
    wanted.sourceOffset = optionalNumber (args, "offset", 0.0);
    wanted.gainDb = optionalNumber (args, "gain", 0.0);
    wanted.fadeIn = optionalNumber (args, "fade-in", 0.0);
    wanted.fadeOut = optionalNumber (args, "fade-out", 0.0);
    if (auto shape = args.value ("fade-shape"))
    {
        const auto parsed = parseFadeShape (*shape);
        if (! parsed)
            throw InputError ("--fade-shape: unknown shape '" + *shape + "' (linear, equal-power)");
        wanted.fadeInShape = wanted.fadeOutShape = *parsed;
    }
    wanted.musicCue = args.value ("music-cue").value_or ("");
    wanted.id = args.value ("id").value_or ("");
    const auto r = regionFromFile (doc, wanted, args.number ("length"));
    commit (doc, addRegion (r));

    auto result = editResult (doc, r.id);
    result.update ({ { "track", r.track }, { "position", r.position }, { "length", r.length }, { "source_offset", r.sourceOffset },
                     { "source_sample_rate", *r.sourceSampleRate }, { "sample_rate_matches", *r.sourceSampleRate == doc.session().sampleRate } });
    std::string human = "added region " + describe (r);
    if (*r.sourceSampleRate != doc.session().sampleRate)
        human += "\n  note: the file is " + fixed (*r.sourceSampleRate, 0) + " Hz, the session " + fixed (doc.session().sampleRate, 0) + " Hz";
    out.result (result, human);
    return exitOk;
}

int runAddCue (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openWithHistory (file);
    const auto& s = doc.session();
    AdrCue c;
    c.id = args.value ("id").value_or (s.nextId ("cue"));
    c.character = args.value ("character").value_or ("");
    c.line = args.value ("line").value_or ("");
    c.in = timecodeArg (requireValue (args, "in"), s.frameRate, "in");
    c.out = timecodeArg (requireValue (args, "out"), s.frameRate, "out");
    if (auto track = args.value ("track"))
        c.track = requireTrack (doc, *track).id;
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
    auto doc = openWithHistory (file);
    const auto cueId = requireValue (args, "cue");
    Take t;
    t.file = requireValue (args, "file");
    t.id = args.value ("id").value_or ("");
    t.number = wholeNumber (args, "number", 0);
    t.rating = wholeNumber (args, "rating", 0);
    t.circled = args.flag ("circled");
    t.notes = args.value ("notes").value_or ("");
    if (auto alignment = args.value ("alignment"))
        adr::readAlignmentFile (*alignment, t);
    if (args.value ("offset"))
        t.offset = requireNumber (args, "offset");
    const auto adding = adr::addTakeToCue (doc, cueId, t, args.flag ("place"));
    t = adding.take;
    commit (doc, adding.change);

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
    auto doc = openWithHistory (sessionFileArg (args));
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
