#include "PluginHost/PluginHost.h"
#include "Base/Error.h"
#include "PluginHost/Catalogue.h"
#include "PluginHost/PluginInsert.h"

namespace loopstage::pluginhost
{
namespace
{
    engine::PlanInsert planFor (const session::Insert& insert)
    {
        if (insert.kind == session::Insert::Kind::builtin)
            throw InputError ("insert '" + insert.id + "' is a built-in processor, not a plug-in");
        engine::PlanInsert plan;
        plan.id = insert.id;
        plan.kind = insert.kind == session::Insert::Kind::lv2 ? engine::PlanInsert::Kind::lv2 : engine::PlanInsert::Kind::vst3;
        plan.plugin = insert.plugin;
        plan.stateBase64 = insert.stateBase64;
        plan.parameters = insert.parameters;
        return plan;
    }

    std::string checkPlugin (const engine::PlanInsert& plan)
    {
        if (! detail::findPlugin (plan.kind, plan.plugin))
            return std::string (plan.kind == engine::PlanInsert::Kind::lv2 ? "LV2" : "VST3") + " plug-in " + plan.plugin
                   + " is not installed";
        try
        {
            detail::decodeState (plan);
        }
        catch (const InputError& e)
        {
            // SessionToPlan names the strip and insert; keep the plug-in and the problem.
            std::string message = e.what();
            const auto prefix = detail::describe (plan) + ": ";
            if (message.rfind (prefix, 0) == 0)
                message = plan.plugin + ": " + message.substr (prefix.size());
            throw InputError (message);
        }
        return {};
    }

    std::string hexClassId (const juce::PluginDescription& d)
    {
        // JUCE keeps only a hash of a VST3 class id; its identifier string names it uniquely.
        return d.createIdentifierString().toStdString();
    }
} // namespace

void install()
{
    // JUCE's plug-in formats expect a message thread: the thread installing the host is it
    // (in the GUI the message thread already is).
    juce::MessageManager::getInstance();
    engine::setPluginHost ({ .check = checkPlugin,
                             .make = [] (const engine::PlanInsert& plan, int channels, double sampleRate) -> std::shared_ptr<engine::InsertProcessor>
                             { return std::make_shared<PluginInsert> (plan, channels, sampleRate); },
                             .key = PluginInsert::keyFor });
}

std::vector<PluginInfo> listPlugins()
{
    std::vector<PluginInfo> out;
    for (const auto& d : detail::allPlugins())
    {
        const bool lv2 = d.pluginFormatName == "LV2";
        out.push_back ({ .format = lv2 ? "lv2" : "vst3",
                         .id = lv2 ? d.fileOrIdentifier.toStdString() : hexClassId (d),
                         .name = d.name.toStdString(),
                         .vendor = d.manufacturerName.toStdString(),
                         .category = d.category.toStdString(),
                         .inputs = d.numInputChannels,
                         .outputs = d.numOutputChannels });
    }
    return out;
}

std::string captureState (const session::Insert& insert, int channels, double sampleRate)
{
    install();
    auto instance = detail::instantiate (planFor (insert), channels, sampleRate, PluginInsert::maxBlock);
    auto state = detail::stateOf (*instance);
    instance->releaseResources();
    return state;
}

std::string captureState (const engine::InsertProcessor& insert)
{
    if (auto* plugin = dynamic_cast<const PluginInsert*> (&insert))
        return const_cast<PluginInsert*> (plugin)->state();
    return {};
}
} // namespace loopstage::pluginhost
