// loopstage plugins: the LV2 and VST3 plug-ins this machine can host as inserts (docs/PLUGINS.md).
#include "CommandTable.h"
#include "PluginHost/PluginHost.h"

namespace loopstage::cli
{
namespace
{
    int runPlugins (const Args& args, Output& out)
    {
        args.expectPositionals (0, 0);
        const auto format = args.value ("format").value_or ("");
        if (! format.empty() && format != "lv2" && format != "vst3")
            throw UsageError ("--format is lv2 or vst3");
        Json list = Json::array();
        std::string human;
        for (const auto& p : pluginhost::listPlugins())
        {
            if (! format.empty() && p.format != format)
                continue;
            list.push_back ({ { "format", p.format }, { "id", p.id }, { "name", p.name }, { "vendor", p.vendor },
                              { "category", p.category }, { "inputs", p.inputs }, { "outputs", p.outputs } });
            human += p.format + (p.format == "lv2" ? "   " : "  ") + p.id + "  " + p.name + " (" + std::to_string (p.inputs)
                     + " in, " + std::to_string (p.outputs) + " out)\n";
        }
        human += std::to_string (list.size()) + " plug-ins";
        out.result ({ { "count", list.size() }, { "plugins", list } }, human);
        return exitOk;
    }

const Command pluginsCommand {
    "plugins",
    "list the LV2 and VST3 plug-ins that can be inserts",
    "usage: loopstage plugins [--format lv2|vst3] [--json]\n"
    "\n"
    "  LV2 from LV2_PATH, ~/.lv2, /usr/lib/lv2, /usr/local/lib/lv2; VST3 from VST3_PATH, ~/.vst3,\n"
    "  /usr/lib/vst3, /usr/local/lib/vst3. Add one with `loopstage session add-insert`.\n"
    "\n"
    "JSON: {\"count\", \"plugins\": [{\"format\", \"id\", \"name\", \"vendor\", \"category\", \"inputs\", \"outputs\"}]}",
    { .flags = {}, .values = { "format" } },
    runPlugins,
    45,
};
const CommandRegistration registerPlugins (pluginsCommand);
} // namespace
} // namespace loopstage::cli
