// loopstage session add-insert: a built-in processor or an LV2/VST3 plug-in on a strip's chain,
// its state captured into the session so a re-opened session sounds the same (docs/PLUGINS.md).
#include "SessionCli.h"
#include "Base/Error.h"
#include "Engine/Insert.h"
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
} // namespace

int runAddInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openForEdit (file);
    const auto& s = doc.session();
    const auto stripId = requireValue (args, "strip");
    const Strip* strip = s.findTrack (stripId);
    if (strip == nullptr)
        strip = s.findBus (stripId);
    if (strip == nullptr)
        throwFileError (file, "no track, bus, stem or master with id '" + stripId + "'");

    const int kinds = (int) args.value ("lv2").has_value() + (int) args.value ("vst3").has_value()
                      + (int) args.value ("builtin").has_value();
    if (kinds != 1)
        throw UsageError ("give exactly one of --lv2 URI, --vst3 CLASS-ID or --builtin NAME");

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

    int latency = 0;
    if (insert.kind != Insert::Kind::builtin)
    {
        // Instantiated now: a missing plug-in or an unknown parameter is refused here, and the
        // state it settles into is what the session keeps.
        insert.stateBase64 = pluginhost::captureState (insert, strip->channels, s.sampleRate);
        engine::PlanInsert plan;
        plan.id = insert.id;
        plan.kind = insert.kind == Insert::Kind::lv2 ? engine::PlanInsert::Kind::lv2 : engine::PlanInsert::Kind::vst3;
        plan.plugin = insert.plugin;
        plan.stateBase64 = insert.stateBase64;
        plan.parameters = insert.parameters;
        latency = engine::makeInsert (plan, strip->channels, s.sampleRate)->latency();
    }

    if (auto* track = s.findTrack (stripId))
    {
        auto copy = *track;
        copy.inserts.push_back (insert);
        commit (doc, updateTrack (copy));
    }
    else
    {
        auto copy = *s.findBus (stripId);
        copy.inserts.push_back (insert);
        commit (doc, updateBus (copy));
    }

    const auto kindName = insert.kind == Insert::Kind::lv2 ? "lv2" : insert.kind == Insert::Kind::vst3 ? "vst3" : "builtin";
    auto result = editResult (doc, insert.id);
    result.update ({ { "strip", stripId }, { "kind", kindName }, { "plugin", insert.plugin }, { "bypass", insert.bypass },
                     { "parameters", insert.parameters }, { "state_bytes", insert.stateBase64.size() },
                     { "latency_samples", latency } });
    out.result (result, "added insert " + insert.id + " on " + stripId + ": " + kindName + " " + insert.plugin
                            + (latency > 0 ? " (latency " + std::to_string (latency) + " samples, compensated)" : "")
                            + (insert.bypass ? " (bypassed)" : ""));
    return exitOk;
}
} // namespace loopstage::cli::sessioncli
