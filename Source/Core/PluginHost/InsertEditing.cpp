#include "PluginHost/InsertEditing.h"
#include "Base/Error.h"
#include "PluginHost/PluginHost.h"
#include "Session/SessionLookup.h"

#include <algorithm>

namespace loopstage::pluginhost
{
namespace
{
    using session::Insert;

    /** The latency a plug-in insert reports once instantiated (0 for a built-in). */
    int latencyOf (const Insert& insert, int channels, double sampleRate)
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

    size_t indexOf (const session::SessionDocument& document, const session::Strip& strip, const std::string& insertId)
    {
        for (size_t i = 0; i < strip.inserts.size(); ++i)
            if (strip.inserts[i].id == insertId)
                return i;
        throwFileError (document.file(), "strip '" + strip.id + "' has no insert '" + insertId + "'");
    }

    session::Change stripChange (const session::Strip& strip, std::string label)
    {
        auto change = session::updateStrip (strip);
        change.label = std::move (label);
        return change;
    }
} // namespace

InsertEdit addInsert (const session::SessionDocument& document, const std::string& stripId, Insert insert)
{
    const auto& s = document.session();
    auto strip = session::requireStrip (document, stripId);
    const auto taken = [&] (const std::string& id)
    { return std::any_of (strip.inserts.begin(), strip.inserts.end(), [&] (auto& i) { return i.id == id; }); };
    for (int n = 1; insert.id.empty(); ++n)
        if (! taken ("insert-" + std::to_string (n)))
            insert.id = "insert-" + std::to_string (n);
    if (taken (insert.id))
        throwFileError (document.file(), "strip '" + stripId + "' already has an insert '" + insert.id + "'");

    if (insert.kind != Insert::Kind::builtin)
        insert.stateBase64 = captureState (insert, strip.channels, s.sampleRate);
    const int latency = latencyOf (insert, strip.channels, s.sampleRate);
    strip.inserts.push_back (insert);
    return { strip.id, insert, latency, stripChange (strip, "Add insert " + insert.id + " on " + strip.id) };
}

InsertEdit changeInsert (const session::SessionDocument& document, const std::string& stripId, const std::string& insertId,
                         const InsertSettings& settings)
{
    const auto& s = document.session();
    auto strip = session::requireStrip (document, stripId);
    auto& insert = strip.inserts[indexOf (document, strip, insertId)];
    if (settings.bypass)
        insert.bypass = *settings.bypass;
    if (settings.name)
        insert.name = *settings.name;
    for (auto& [key, value] : settings.parameters.items())
        insert.parameters[key] = value;
    if (insert.kind != Insert::Kind::builtin && ! settings.parameters.empty())
        // The plug-in takes the new values now (an unknown one is refused) and its state follows.
        insert.stateBase64 = captureState (insert, strip.channels, s.sampleRate);
    const int latency = latencyOf (insert, strip.channels, s.sampleRate);
    const auto changed = insert;
    return { strip.id, changed, latency, stripChange (strip, "Change insert " + changed.id + " on " + strip.id) };
}

InsertEdit removeInsert (const session::SessionDocument& document, const std::string& stripId, const std::string& insertId)
{
    auto strip = session::requireStrip (document, stripId);
    const auto index = indexOf (document, strip, insertId);
    const auto removed = strip.inserts[index];
    strip.inserts.erase (strip.inserts.begin() + (long) index);
    return { strip.id, removed, 0, stripChange (strip, "Remove insert " + removed.id + " from " + strip.id) };
}
} // namespace loopstage::pluginhost
