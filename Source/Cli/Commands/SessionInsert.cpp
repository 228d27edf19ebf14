// loopstage session add-insert / set-insert / remove-insert: a built-in processor or an LV2/VST3
// plug-in on a strip's chain, its state captured into the session so a re-opened session sounds
// the same (docs/PLUGINS.md).
#include "SessionCli.h"
#include "Base/Error.h"
#include "PluginHost/InsertEditing.h"

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

    Json parameterArgs (const Args& args)
    {
        Json parameters = Json::object();
        for (const auto& p : args.values ("param"))
        {
            auto [key, value] = parseParameter (p);
            parameters[key] = value;
        }
        return parameters;
    }

    /** The result line of an insert edit. */
    Json insertResult (const SessionDocument& doc, const pluginhost::InsertEdit& edit, bool withState)
    {
        auto result = editResult (doc, edit.insert.id);
        result.update ({ { "strip", edit.stripId }, { "kind", kindName (edit.insert.kind) }, { "plugin", edit.insert.plugin } });
        if (withState)
            result.update ({ { "bypass", edit.insert.bypass }, { "parameters", edit.insert.parameters },
                             { "state_bytes", edit.insert.stateBase64.size() }, { "latency_samples", edit.latencySamples } });
        return result;
    }
} // namespace

int runAddInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openWithHistory (sessionFileArg (args));
    const int kinds = (int) args.value ("lv2").has_value() + (int) args.value ("vst3").has_value()
                      + (int) args.value ("builtin").has_value();
    if (kinds != 1)
        throw UsageError ("give exactly one of --lv2 URI, --vst3 ID or --builtin NAME");

    Insert insert;
    insert.kind = args.value ("lv2") ? Insert::Kind::lv2 : args.value ("vst3") ? Insert::Kind::vst3 : Insert::Kind::builtin;
    insert.plugin = *(args.value ("lv2") ? args.value ("lv2") : args.value ("vst3") ? args.value ("vst3") : args.value ("builtin"));
    insert.name = args.value ("name").value_or ("");
    insert.bypass = args.flag ("bypass");
    insert.parameters = parameterArgs (args);
    insert.id = args.value ("id").value_or ("");
    const auto edit = pluginhost::addInsert (doc, requireValue (args, "strip"), insert);
    commit (doc, edit.change);

    const auto& added = edit.insert;
    out.result (insertResult (doc, edit, true),
                "added insert " + added.id + " on " + edit.stripId + ": " + kindName (added.kind) + " " + added.plugin
                    + (edit.latencySamples > 0 ? " (latency " + std::to_string (edit.latencySamples) + " samples, compensated)" : "")
                    + (added.bypass ? " (bypassed)" : ""));
    return exitOk;
}

int runSetInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openWithHistory (sessionFileArg (args));
    if (args.flag ("bypass") && args.flag ("active"))
        throw UsageError ("give --bypass or --active, not both");
    pluginhost::InsertSettings settings;
    if (args.flag ("bypass") || args.flag ("active"))
        settings.bypass = args.flag ("bypass");
    settings.name = args.value ("name");
    settings.parameters = parameterArgs (args);
    const auto edit = pluginhost::changeInsert (doc, requireValue (args, "strip"), requireValue (args, "insert"), settings);
    commit (doc, edit.change);

    out.result (insertResult (doc, edit, true),
                "changed insert " + edit.insert.id + " on " + edit.stripId + (edit.insert.bypass ? " (bypassed)" : ""));
    return exitOk;
}

int runRemoveInsert (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openWithHistory (sessionFileArg (args));
    const auto edit = pluginhost::removeInsert (doc, requireValue (args, "strip"), requireValue (args, "insert"));
    commit (doc, edit.change);

    out.result (insertResult (doc, edit, false),
                "removed insert " + edit.insert.id + " (" + edit.insert.plugin + ") from " + edit.stripId);
    return exitOk;
}
} // namespace loopstage::cli::sessioncli
