// loopstage session: build and inspect .lsession projects headless (docs/SESSION_FORMAT.md).
// This file: the subcommand table, new/set-*/undo/redo, and the helpers the other Session*.cpp
// files share (SessionCli.h).
#include "CommandTable.h"
#include "SessionCli.h"
#include "Base/Error.h"

#include <algorithm>
#include <set>

namespace loopstage::cli
{
using namespace loopstage::session;

namespace sessioncli
{
std::filesystem::path sessionFileArg (const Args& args)
{
    return args.positional (1, "session FILE");
}

double requireNumber (const Args& args, const std::string& name)
{
    if (auto v = args.number (name))
        return *v;
    throw UsageError ("--" + name + " is required");
}

std::string requireValue (const Args& args, const std::string& name)
{
    if (auto v = args.value (name))
        return *v;
    throw UsageError ("--" + name + " is required");
}

timecode::Timecode timecodeArg (const std::string& text, const timecode::FrameRate& rate, const std::string& option)
{
    try
    {
        const auto tc = timecode::parse (text, rate);
        timecode::toFrames (tc, rate);
        return tc;
    }
    catch (const InputError& e)
    {
        throw InputError ("--" + option + ": " + e.what());
    }
}

Json editResult (const SessionDocument& doc, const std::string& id)
{
    return { { "file", doc.file().string() }, { "edit", doc.undoLabel() }, { "id", id } };
}
} // namespace sessioncli

namespace
{
    using namespace sessioncli;

    int runNew (const Args& args, Output& out)
    {
        args.expectPositionals (2, 2);
        const auto file = sessionFileArg (args);
        const auto rate = timecode::FrameRate::parse (requireValue (args, "rate"));
        const double sampleRate = args.number ("sample-rate").value_or (48000.0);
        Session s = Session::withDefaultStems();
        s.name = args.value ("name").value_or (file.stem().string());
        s.sampleRate = sampleRate;
        s.frameRate = rate;
        s.startTimecode = timecodeArg (args.value ("start").value_or ("01:00:00:00"), rate, "start");
        createSessionFile (s, file, args.flag ("force"));

        const auto tc = timecode::format (s.startTimecode, rate);
        out.result ({ { "file", file.string() }, { "name", s.name }, { "sample_rate", s.sampleRate },
                      { "frame_rate", rate.name() }, { "start_timecode", tc } },
                    "created " + file.string() + ": '" + s.name + "', " + fixed (sampleRate, 0) + " Hz, " + rate.name()
                        + " fps from " + tc + ", stems DX FX MX -> master");
        return exitOk;
    }

    int runSetDelivery (const Args& args, Output& out)
    {
        args.expectPositionals (2, 2);
        auto doc = openWithHistory (sessionFileArg (args));
        DeliverySpec d;
        d.spec = requireValue (args, "spec");
        const auto territories = args.values ("territory");
        if (territories.size() > 1)
            throw UsageError ("set-delivery takes one --territory");
        d.territory = territories.empty() ? "" : territories[0];
        d.media = args.values ("media");
        commit (doc, setDelivery (d));
        auto result = editResult (doc, "delivery");
        result["delivery"] = { { "spec", d.spec }, { "territory", d.territory }, { "media", d.media } };
        out.result (result, "delivery: " + d.spec + (d.territory.empty() ? "" : ", territory " + d.territory));
        return exitOk;
    }

    int runSetPicture (const Args& args, Output& out)
    {
        args.expectPositionals (2, 2);
        auto doc = openWithHistory (sessionFileArg (args));
        Picture p;
        p.file = std::filesystem::absolute (requireValue (args, "file"));
        if (! std::filesystem::exists (p.file))
            throwFileError (p.file, "no such file");
        p.frameRate = args.value ("rate") ? timecode::FrameRate::parse (*args.value ("rate")) : doc.session().frameRate;
        p.startTimecode = args.value ("start") ? timecodeArg (*args.value ("start"), p.frameRate, "start")
                                               : doc.session().startTimecode;
        commit (doc, setPicture (p));
        auto result = editResult (doc, "picture");
        result["picture"] = { { "file", p.file.string() }, { "frame_rate", p.frameRate.name() },
                              { "start_timecode", timecode::format (p.startTimecode, p.frameRate) } };
        out.result (result, "picture: " + p.file.filename().string() + " at " + p.frameRate.name() + " from "
                                + timecode::format (p.startTimecode, p.frameRate));
        return exitOk;
    }

    int runUndoRedo (const Args& args, Output& out, bool isUndo)
    {
        args.expectPositionals (2, 2);
        const auto file = sessionFileArg (args);
        auto doc = openWithHistory (file);
        const auto label = isUndo ? doc.undoLabel() : doc.redoLabel();
        isUndo ? undoAndSave (doc) : redoAndSave (doc);
        out.result ({ { "file", file.string() }, { isUndo ? "undone" : "redone", label },
                      { "undo", doc.canUndo() ? Json (doc.undoLabel()) : Json (nullptr) },
                      { "redo", doc.canRedo() ? Json (doc.redoLabel()) : Json (nullptr) } },
                    std::string (isUndo ? "undid: " : "redid: ") + label);
        return exitOk;
    }

    struct Subcommand
    {
        const char* name;
        std::set<std::string> options;
        int (*run) (const Args&, Output&);
    };

    const std::vector<Subcommand>& subcommands()
    {
        static const std::vector<Subcommand> table {
            { "new", { "rate", "sample-rate", "start", "name", "force" }, runNew },
            { "info", {}, runInfo },
            { "add-track", { "name", "kind", "channels", "id", "output" }, runAddTrack },
            { "add-region", { "track", "file", "at", "at-timecode", "offset", "length", "gain", "fade-in", "fade-out",
                              "fade-shape", "music-cue", "id" }, runAddRegion },
            { "add-cue", { "id", "character", "line", "in", "out", "track", "notes" }, runAddCue },
            { "add-take", { "cue", "file", "id", "number", "rating", "circled", "offset", "alignment", "notes", "place" }, runAddTake },
            { "add-music", { "id", "title", "composer", "publisher", "licence", "licence-id", "territory", "term-start",
                             "term-end", "media", "usage", "notes" }, runAddMusic },
            { "add-insert", { "strip", "lv2", "vst3", "builtin", "param", "id", "name", "bypass" }, runAddInsert },
            { "set-insert", { "strip", "insert", "param", "name", "bypass", "active" }, runSetInsert },
            { "remove-insert", { "strip", "insert" }, runRemoveInsert },
            { "align", { "cue", "take", "no-warp", "no-circle", "aligned-folder" }, runAlignTakes },
            { "circle", { "cue", "take", "best" }, runCircle },
            { "rate", { "take", "rating" }, runRate },
            { "set-delivery", { "spec", "territory", "media" }, runSetDelivery },
            { "set-picture", { "file", "rate", "start" }, runSetPicture },
            { "undo", {}, [] (const Args& a, Output& o) { return runUndoRedo (a, o, true); } },
            { "redo", {}, [] (const Args& a, Output& o) { return runUndoRedo (a, o, false); } },
        };
        return table;
    }

    const ArgSpec sessionSpec {
        .flags = { "force", "circled", "place", "bypass", "active", "no-warp", "no-circle", "best" },
        .values = { "rate", "sample-rate", "start", "name", "kind", "channels", "id", "output", "track", "file", "at",
                    "at-timecode", "offset", "length", "gain", "fade-in", "fade-out", "fade-shape", "music-cue",
                    "character", "line", "in", "out", "notes", "cue", "number", "rating", "alignment", "title",
                    "composer", "publisher", "licence", "licence-id", "term-start", "term-end", "usage", "spec",
                    "strip", "lv2", "vst3", "builtin", "insert", "aligned-folder" },
        .repeatable = { "territory", "media", "param", "take" },
    };

    int runSession (const Args& args, Output& out)
    {
        const auto& word = args.positional (0, "subcommand (new, info, add-track, add-region, ...)");
        auto& table = subcommands();
        auto it = std::find_if (table.begin(), table.end(), [&] (auto& s) { return word == s.name; });
        if (it == table.end())
            throw UsageError ("unknown subcommand '" + word + "'");
        auto check = [&] (const std::set<std::string>& names, bool given (const Args&, const std::string&))
        {
            for (auto& name : names)
                if (given (args, name) && ! it->options.count (name))
                    throw UsageError ("--" + name + " does not apply to 'session " + word + "'");
        };
        check (sessionSpec.flags, [] (const Args& a, const std::string& n) { return a.flag (n); });
        check (sessionSpec.values, [] (const Args& a, const std::string& n) { return a.value (n).has_value(); });
        check (sessionSpec.repeatable, [] (const Args& a, const std::string& n) { return ! a.values (n).empty(); });
        return it->run (args, out);
    }

const Command sessionCommand {
    "session",
    "build and inspect sessions (.lsession): tracks, regions, ADR cues and takes, music, delivery",
    "usage: loopstage session SUBCOMMAND FILE [options] [--json]\n"
    "\n"
    "  new FILE --rate RATE [--sample-rate HZ] [--start TC] [--name NAME] [--force]\n"
    "      a new session with the DX, FX and MX stems feeding the master (48 kHz, 01:00:00:00 by default)\n"
    "  info FILE                      tracks, regions, cues, takes, music register, duration, warnings\n"
    "  add-track FILE --name N --kind dx|fx|mx|guide|adr [--channels 1|2|6] [--id ID] [--output BUS]\n"
    "      routed to its stem by kind (dx/adr -> DX, fx -> FX, mx -> MX; guide unrouted) unless --output\n"
    "  add-region FILE --track T --file AUDIO (--at SECONDS | --at-timecode TC) [--offset S] [--length S]\n"
    "      [--gain DB] [--fade-in S] [--fade-out S] [--fade-shape linear|equal-power] [--music-cue ID] [--id ID]\n"
    "      the length defaults to the rest of the file after --offset; another sample rate is allowed and flagged\n"
    "  add-cue FILE --in TC --out TC [--id ID] [--character NAME] [--line TEXT] [--track T] [--notes TEXT]\n"
    "  add-take FILE --cue ID --file AUDIO [--number N] [--rating 0-5] [--circled] [--offset S]\n"
    "      [--alignment ALIGN.json] [--place] [--id ID] [--notes TEXT]\n"
    "      --alignment reads `loopstage align --json` output (offset, warp, sync score);\n"
    "      --place also puts the take on the cue's track at the cue's in-point\n"
    "  add-music FILE --id CUE --title T --licence own|licensed|library [--licence-id ID] [--composer C]\n"
    "      [--publisher P] [--territory T]... [--media M]... [--term-start YYYY-MM-DD] [--term-end YYYY-MM-DD]\n"
    "      [--usage background|featured|theme] [--notes TEXT]\n"
    "  add-insert FILE --strip ID (--lv2 URI | --vst3 ID | --builtin NAME) [--param SYMBOL=VALUE]...\n"
    "      [--id ID] [--name NAME] [--bypass]   a plug-in is loaded now and its state saved in the session;\n"
    "      a VST3 ID is its class id (32 hex digits) or what `loopstage plugins` lists\n"
    "  set-insert FILE --strip ID --insert ID [--param SYMBOL=VALUE]... [--bypass | --active] [--name NAME]\n"
    "      new parameter values are applied to the plug-in now and its state saved again\n"
    "  remove-insert FILE --strip ID --insert ID\n"
    "  align FILE [--cue ID]... [--take ID]... [--no-warp] [--no-circle] [--aligned-folder DIR]\n"
    "      aligns takes to the guide track around their cue (offset, warp, sync score, confidence),\n"
    "      renders each aligned copy as BWF with iXML (DIR, default adr-aligned/ beside the session)\n"
    "      and circles each cue's best-synced take; without --cue, every cue; one undo step\n"
    "  circle FILE --cue ID (--take ID | --best)   plays that aligned take on the cue's ADR track\n"
    "  rate FILE --take ID --rating 0-5\n"
    "  set-delivery FILE --spec ebu-r128|atsc-a85|netflix|apple-podcasts|spotify [--territory T] [--media M]...\n"
    "  set-picture FILE --file VIDEO [--rate RATE] [--start TC]\n"
    "  undo FILE | redo FILE          step the history kept beside the session in FILE.history\n"
    "\n"
    "  TRACK may be a track id or a unique track name. Every edit saves atomically and can be undone.\n"
    "  A missing, corrupt or newer-version session is bad input (exit 2) and is never overwritten.\n"
    "\n"
    "JSON: edits {\"file\", \"edit\", \"id\", ...}; info: see docs/SESSION_FORMAT.md",
    sessionSpec,
    runSession,
    40,
};
const CommandRegistration registerSession (sessionCommand);
} // namespace
} // namespace loopstage::cli
