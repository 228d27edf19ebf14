// loopstage session add-insert / set-insert / remove-insert: a built-in processor or an LV2/VST3
// plug-in on a strip's chain, its state captured into the session so a re-opened session sounds
// the same (docs/PLUGINS.md).
#include "SessionCli.h"
#include "Base/Error.h"
#include "Engine/InsertProcessor.h"
#include "PluginHost/PluginHost.h"

namespace loopstage::cli::sessioncli
{
using namespace loopstage::session;

namespace
{
    /** SYMBOL=VALUE: a number when VALUE is one, JSON when it is a list or object, else text. */
    std::pair<std::string, Json> parseParameter (const std::string& text)
    {
        const auto eq = text.find ('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError ("--param expects SYMBOL=VALUE, got '" + text + "'");
        const auto key = text.substr (0, eq);
        const auto value = text.substr (eq + 1);
        if (! value.empty() && (value[0] == '[' || value[0] == '{'))
        {
            try
            {
                return { key, Json::parse (value) };
            }
            catch (const Json::exception&)
            {
                throw InputError ("--param " + key + ": not valid JSON");
            }
        }
        try
        {
            size_t used = 0;
            const double number = std::stod (value, &used);
            if (used == value.size())
                return { key, number };
        }
        catch (const std::exception&)
        {
        }
        return { key, value };
    }

    const char* kindName (Insert::Kind kind)
    {
        return kind == Insert::Kind::lv2 ? "lv2" : kind == Insert::Kind::vst3 ? "vst3" : "builtin";
    }

    /** The latency a plug-in insert reports once instantiated (0 for a built-in). */
    int pluginLatency (const Insert& insert, int channels, double sampleRate)
    {
        if (insert.kind == Insert::Kind::builtin)
            return 0;
        engine::PlanInsert plan;
        plan.id = insert.id;
        plan.kind = insert.kind == Insert::Kind::lv2 ? engine::PlanInsert::Kind::lv2 : engine::PlanInsert::Kind::vst3;
        plan.plugin = insert.plugin;
        plan.stateBase64 = insert.stateBase64;
        plan.parameters = insert.parameters;
        return engine::makeInsert (plan, channels, sampleRate)->latency();
    }

    const Strip& requireStrip (const std::filesystem::path& file, const Session& s, const std::string& stripId)
    {
        if (const Strip* track = s.findTrack (stripId))
            return *track;
        if (const Strip* bus = s.findBus (stripId))
            return *bus;
        throwFileError (file, "no track, bus, stem or master with id '" + stripId + "'");
    }

    /** Commits `strip` (a changed copy of the track or bus `stripId`) as one undoable edit. */
    void commitStrip (SessionDocument& doc, const std::string& stripId, const Strip& strip)
    {
        if (auto* track = doc.session().findTrack (stripId))
        {
            auto copy = *track;
            static_cast<Strip&> (copy) = strip;
            commit (doc, updateTrack (copy));
        }
        else
        {
            auto copy = *doc.session().findBus (stripId);
            static_cast<Strip&> (copy) = strip;
            commit (doc, updateBus (copy));
        }
    }

    /** The strip `--strip` names and the index of its insert `--insert`. */
    std::pair<Strip, size_t> requireInsert (const Args& args, const std::filesystem::path& file, const Session& s)
    {
        const auto stripId = requireValue (args, "strip");
        const auto insertId = requireValue (args, "insert");
        auto strip = requireStrip (file, s, stripId);
        for (size_t i = 0; i < strip.inserts.size(); ++i)
            if (strip.inserts[i].id == insertId)
                return { strip, i };
        throwFileError (file, "strip '" + stripId + "' has no insert '" + insertId + "'");
    }
} // namespace

int runAddInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    const auto& s = doc.session();
    const auto stripId = requireValue (args, "strip");
    const Strip* strip = &requireStrip (file, s, stripId);

    const int kinds = (int) args.value ("lv2").has_value() + (int) args.value ("vst3").has_value()
                      + (int) args.value ("builtin").has_value();
    if (kinds != 1)
        throw UsageError ("give exactly one of --lv2 URI, --vst3 ID or --builtin NAME");

    Insert insert;
    insert.kind = args.value ("lv2") ? Insert::Kind::lv2 : args.value ("vst3") ? Insert::Kind::vst3 : Insert::Kind::builtin;
    insert.plugin = *(args.value ("lv2") ? args.value ("lv2") : args.value ("vst3") ? args.value ("vst3") : args.value ("builtin"));
    insert.name = args.value ("name").value_or ("");
    insert.bypass = args.flag ("bypass");
    for (const auto& p : args.values ("param"))
    {
        auto [key, value] = parseParameter (p);
        insert.parameters[key] = value;
    }
    std::string id = args.value ("id").value_or ("");
    if (id.empty())
        for (int n = 1; id.empty(); ++n)
        {
            const auto candidate = "insert-" + std::to_string (n);
            if (std::none_of (strip->inserts.begin(), strip->inserts.end(), [&] (auto& i) { return i.id == candidate; }))
                id = candidate;
        }
    if (std::any_of (strip->inserts.begin(), strip->inserts.end(), [&] (auto& i) { return i.id == id; }))
        throwFileError (file, "strip '" + stripId + "' already has an insert '" + id + "'");
    insert.id = id;

    if (insert.kind != Insert::Kind::builtin)
        // Instantiated now: a missing plug-in or an unknown parameter is refused here, and the
        // state it settles into is what the session keeps.
        insert.stateBase64 = pluginhost::captureState (insert, strip->channels, s.sampleRate);
    const int latency = pluginLatency (insert, strip->channels, s.sampleRate);

    auto changed = *strip;
    changed.inserts.push_back (insert);
    commitStrip (doc, stripId, changed);

    auto result = editResult (doc, insert.id);
    result.update ({ { "strip", stripId }, { "kind", kindName (insert.kind) }, { "plugin", insert.plugin }, { "bypass", insert.bypass },
                     { "parameters", insert.parameters }, { "state_bytes", insert.stateBase64.size() },
                     { "latency_samples", latency } });
    out.result (result, "added insert " + insert.id + " on " + stripId + ": " + kindName (insert.kind) + " " + insert.plugin
                            + (latency > 0 ? " (latency " + std::to_string (latency) + " samples, compensated)" : "")
                            + (insert.bypass ? " (bypassed)" : ""));
    return exitOk;
}
int runSetInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    const auto& s = doc.session();
    auto [strip, index] = requireInsert (args, file, s);
    if (args.flag ("bypass") && args.flag ("active"))
        throw UsageError ("give --bypass or --active, not both");
    auto& insert = strip.inserts[index];
    if (args.flag ("bypass") || args.flag ("active"))
        insert.bypass = args.flag ("bypass");
    if (const auto name = args.value ("name"))
        insert.name = *name;
    for (const auto& p : args.values ("param"))
    {
        auto [key, value] = parseParameter (p);
        insert.parameters[key] = value;
    }
    if (insert.kind != Insert::Kind::builtin && ! args.values ("param").empty())
        // The plug-in takes the new values now (an unknown one is refused) and its state follows.
        insert.stateBase64 = pluginhost::captureState (insert, strip.channels, s.sampleRate);
    const int latency = pluginLatency (insert, strip.channels, s.sampleRate);
    const auto stripId = strip.id;
    const auto changed = insert;
    commitStrip (doc, stripId, strip);

    auto result = editResult (doc, changed.id);
    result.update ({ { "strip", stripId }, { "kind", kindName (changed.kind) }, { "plugin", changed.plugin },
                     { "bypass", changed.bypass }, { "parameters", changed.parameters },
                     { "state_bytes", changed.stateBase64.size() }, { "latency_samples", latency } });
    out.result (result, "changed insert " + changed.id + " on " + stripId + (changed.bypass ? " (bypassed)" : ""));
    return exitOk;
}

int runRemoveInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    auto [strip, index] = requireInsert (args, file, doc.session());
    const auto removed = strip.inserts[index];
    strip.inserts.erase (strip.inserts.begin() + (long) index);
    const auto stripId = strip.id;
    commitStrip (doc, stripId, strip);

    auto result = editResult (doc, removed.id);
    result.update ({ { "strip", stripId }, { "kind", kindName (removed.kind) }, { "plugin", removed.plugin } });
    out.result (result, "removed insert " + removed.id + " (" + removed.plugin + ") from " + stripId);
    return exitOk;
}
} // namespace loopstage::cli::sessioncli
