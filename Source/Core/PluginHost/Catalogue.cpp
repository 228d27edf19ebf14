#include "PluginHost/Catalogue.h"
#include "Base/Error.h"

#include <lilv/lilv.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>

namespace loopstage::pluginhost::detail
{
namespace
{
    /** "a:b:c" (the LV2_PATH/VST3_PATH shape) as JUCE's ';'-separated search path. */
    juce::FileSearchPath searchPathFromEnvironment (const char* variable)
    {
        const char* value = std::getenv (variable);
        if (value == nullptr || *value == 0)
            return {};
        return juce::FileSearchPath (juce::String (value).replaceCharacter (':', ';'));
    }

    struct Formats
    {
        Formats()
        {
            // JUCE's LV2 format loads ~/.lv2, /usr/lib/lv2 and /usr/local/lib/lv2 itself; LV2_PATH adds.
            auto extra = searchPathFromEnvironment ("LV2_PATH");
            const auto defaults = lv2.getDefaultLocationsToSearch();
            for (int i = extra.getNumPaths(); --i >= 0;)
                for (int d = 0; d < defaults.getNumPaths(); ++d)
                    if (extra[i] == defaults[d])
                    {
                        extra.remove (i);   // loading a bundle twice makes lilv warn for each plug-in
                        break;
                    }
            if (extra.getNumPaths() > 0)
                lv2.searchPathsForPlugins (extra, true, false);
            auto vst3Path = searchPathFromEnvironment ("VST3_PATH");
            vst3Path.add (juce::File ("/usr/lib/vst3"));
            vst3Path.add (juce::File ("/usr/local/lib/vst3"));
            vst3Path.add (juce::File ("~/.vst3"));
            vst3Path.removeNonExistentPaths();
            vst3Bundles = vst3.searchPathsForPlugins (vst3Path, true, false);
        }

        juce::LV2PluginFormat lv2;
        juce::VST3PluginFormat vst3;
        juce::StringArray vst3Bundles;
        std::optional<juce::Array<juce::PluginDescription>> vst3Plugins;   // scanned on first need
    };

    std::mutex mutex;
    std::atomic<int> made { 0 };

    Formats& formats()
    {
        // Lives until exit; created on first use so a program that never meets a plug-in never
        // pays for scanning.
        static Formats f;
        return f;
    }

    const juce::Array<juce::PluginDescription>& vst3Plugins (Formats& f)
    {
        if (! f.vst3Plugins)
        {
            f.vst3Plugins.emplace();
            for (const auto& bundle : f.vst3Bundles)
            {
                juce::OwnedArray<juce::PluginDescription> found;
                f.vst3.findAllTypesForFile (found, bundle);
                for (auto* d : found)
                    f.vst3Plugins->add (*d);
            }
        }
        return *f.vst3Plugins;
    }

    /** Checks that lilv can read an LV2 state (JUCE silently ignores one it cannot). */
    bool lv2StateReadable (const juce::MemoryBlock& data)
    {
        struct UridMap
        {
            std::map<std::string, LV2_URID> ids;
            static LV2_URID map (LV2_URID_Map_Handle handle, const char* uri)
            {
                auto& ids = static_cast<UridMap*> (handle)->ids;
                return ids.emplace (uri, (LV2_URID) ids.size() + 1).first->second;
            }
        } urids;
        LV2_URID_Map map { &urids, &UridMap::map };
        const std::string text (static_cast<const char*> (data.getData()), data.getSize());
        LilvWorld* world = lilv_world_new();
        LilvState* state = lilv_state_new_from_string (world, &map, text.c_str());
        const bool readable = state != nullptr;
        lilv_state_free (state);
        lilv_world_free (world);
        return readable;
    }

    /** An LV2 port's symbol (JUCE's id is "sym:<symbol>"), or a VST3 parameter id. */
    juce::String symbolOf (const juce::HostedAudioProcessorParameter& p)
    {
        const auto id = p.getParameterID();
        return id.startsWith ("sym:") ? id.substring (4) : id;
    }

    void applyParameters (juce::AudioPluginInstance& instance, const engine::PlanInsert& plan)
    {
        if (plan.parameters.is_null())
            return;
        if (! plan.parameters.is_object())
            throw InputError (describe (plan) + ": parameters must be an object {\"symbol\": value}");
        for (const auto& [key, value] : plan.parameters.items())
        {
            juce::AudioProcessorParameter* target = nullptr;
            for (auto* p : instance.getParameters())
                if (auto* hosted = dynamic_cast<juce::HostedAudioProcessorParameter*> (p);
                    hosted != nullptr && symbolOf (*hosted) == juce::String (key))
                    target = p;
            if (target == nullptr)
            {
                juce::StringArray known;
                for (auto* p : instance.getParameters())
                    if (auto* hosted = dynamic_cast<juce::HostedAudioProcessorParameter*> (p))
                        known.add (symbolOf (*hosted));
                throw InputError (describe (plan) + ": the plug-in has no parameter '" + key + "' (it has: "
                                  + known.joinIntoString (", ").toStdString() + ")");
            }

            const auto options = target->getAllValueStrings();   // an enumeration's labels
            float normalised = 0.0f;
            if (value.is_string())
                normalised = target->getValueForText (juce::String (value.get<std::string>()));
            else if (value.is_number() && ! options.isEmpty())
            {
                // An enumeration by number: its n-th choice (LV2 enumerations number from 0).
                const int n = options.size();
                const int index = juce::jlimit (0, n - 1, (int) std::lround (value.get<double>()));
                normalised = n > 1 ? (float) index / (float) (n - 1) : 0.0f;
            }
            else if (value.is_number() || value.is_boolean())
            {
                const double v = value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
                // LV2 ports take their own units (the text form converts); VST3 takes 0..1.
                normalised = plan.kind == engine::PlanInsert::Kind::lv2 ? target->getValueForText (juce::String (v, 9))
                                                                         : (float) v;
            }
            else
                throw InputError (describe (plan) + ": parameter '" + key + "' must be a number or a text");
            target->setValue (juce::jlimit (0.0f, 1.0f, normalised));
        }
    }
} // namespace

std::string describe (const engine::PlanInsert& plan)
{
    return "insert '" + plan.id + "' (" + plan.plugin + ")";
}

int vst3UniqueId (const std::string& classId)
{
    // JUCE: uniqueId = fold (value * 31 + long) over the FUID's four 32-bit words, which are the
    // class id's hex digits in groups of eight.
    std::uint32_t value = 0;
    for (size_t word = 0; word < 4; ++word)
        value = value * 31 + (std::uint32_t) std::stoul (classId.substr (word * 8, 8), nullptr, 16);
    return (int) value;
}

std::string withoutPathHash (const std::string& identifier)
{
    // JUCE: "<format>-<name>-<hash of the bundle's path, hex>-<unique id, hex>".
    const auto last = identifier.rfind ('-');
    if (last == std::string::npos || last == 0)
        return identifier;
    const auto before = identifier.rfind ('-', last - 1);
    if (before == std::string::npos)
        return identifier;
    return identifier.substr (0, before) + identifier.substr (last);
}

std::optional<juce::PluginDescription> findPlugin (engine::PlanInsert::Kind kind, const std::string& id)
{
    std::lock_guard lock (mutex);
    auto& f = formats();
    if (kind == engine::PlanInsert::Kind::lv2)
    {
        juce::OwnedArray<juce::PluginDescription> found;
        f.lv2.findAllTypesForFile (found, juce::String (id));
        if (found.isEmpty())
            return std::nullopt;
        return *found[0];
    }
    const bool isClassId = id.size() == 32 && id.find_first_not_of ("0123456789abcdefABCDEF") == std::string::npos;
    const auto& plugins = vst3Plugins (f);
    for (const auto& d : plugins)
        if ((isClassId && d.uniqueId == vst3UniqueId (id)) || d.createIdentifierString() == juce::String (id))
            return d;
    // JUCE's identifier string hashes where the bundle was installed: the same plug-in in
    // ~/.vst3 on one machine and /usr/lib/vst3 on the next differs only there. A session
    // names the plug-in, not its folder.
    if (! isClassId)
        for (const auto& d : plugins)
            if (withoutPathHash (d.createIdentifierString().toStdString()) == withoutPathHash (id))
                return d;
    return std::nullopt;
}

juce::Array<juce::PluginDescription> allPlugins()
{
    std::lock_guard lock (mutex);
    auto& f = formats();
    juce::Array<juce::PluginDescription> all;
    // An empty path loads nothing more (the world has every bundle already) and lists them all.
    juce::StringArray uris = f.lv2.searchPathsForPlugins (juce::FileSearchPath(), true, false);
    uris.sort (false);
    for (const auto& uri : uris)
    {
        juce::OwnedArray<juce::PluginDescription> found;
        f.lv2.findAllTypesForFile (found, uri);
        for (auto* d : found)
            all.add (*d);
    }
    all.addArray (vst3Plugins (f));
    return all;
}

juce::MemoryBlock decodeState (const engine::PlanInsert& plan)
{
    juce::MemoryBlock data;
    if (plan.stateBase64.empty())
        return data;
    juce::MemoryOutputStream out (data, false);
    if (! juce::Base64::convertFromBase64 (out, juce::String (plan.stateBase64)))
        throw InputError (describe (plan) + ": the saved plug-in state is not valid base64");
    out.flush();
    if (plan.kind == engine::PlanInsert::Kind::lv2 && ! lv2StateReadable (data))
        throw InputError (describe (plan) + ": the saved plug-in state is not an LV2 state this host can read");
    return data;
}

std::unique_ptr<juce::AudioPluginInstance> instantiate (const engine::PlanInsert& plan, int channels, double sampleRate,
                                                        int maxBlock)
{
    const auto description = findPlugin (plan.kind, plan.plugin);
    if (! description)
        throw InputError (describe (plan) + ": the plug-in is not installed");
    const auto state = decodeState (plan);

    std::lock_guard lock (mutex);
    auto& f = formats();
    juce::String error;
    std::unique_ptr<juce::AudioPluginInstance> instance;
    if (plan.kind == engine::PlanInsert::Kind::lv2)
        instance = f.lv2.createInstanceFromDescription (*description, sampleRate, maxBlock, error);
    else
        instance = f.vst3.createInstanceFromDescription (*description, sampleRate, maxBlock, error);
    if (instance == nullptr)
        throw InputError (describe (plan) + ": the plug-in failed to load (" + error.toStdString() + ")");
    ++made;
    if (instance->getMainBusNumOutputChannels() <= 0 || instance->getMainBusNumInputChannels() <= 0)
        throw InputError (describe (plan) + ": the plug-in has no main audio input and output (not an insert effect)");

    if (instance->getMainBusNumInputChannels() != channels || instance->getMainBusNumOutputChannels() != channels)
    {
        auto layout = instance->getBusesLayout();
        layout.inputBuses.getReference (0) = juce::AudioChannelSet::canonicalChannelSet (channels);
        layout.outputBuses.getReference (0) = juce::AudioChannelSet::canonicalChannelSet (channels);
        instance->setBusesLayout (layout);   // refused by fixed-width plug-ins (all LV2): PluginInsert maps
    }
    instance->setNonRealtime (false);
    instance->prepareToPlay (sampleRate, maxBlock);
    // A VST3 plug-in that sets its latency on activation (most do: it depends on the rate) says
    // so with restartComponent(kLatencyChanged), which JUCE's host handles on the message loop.
    // The command line runs none: let pending messages through here, or PDC would use the
    // latency from before activation (measured: 499 samples instead of 739 at 96 kHz).
    if (auto* messages = juce::MessageManager::getInstanceWithoutCreating();
        plan.kind == engine::PlanInsert::Kind::vst3 && messages != nullptr && messages->isThisTheMessageThread())
        messages->runDispatchLoopUntil (10);
    if (state.getSize() > 0)
        instance->setStateInformation (state.getData(), (int) state.getSize());
    applyParameters (*instance, plan);

    juce::AudioBuffer<float> silence (std::max (instance->getTotalNumInputChannels(), instance->getTotalNumOutputChannels()),
                                      maxBlock);
    juce::MidiBuffer midi;
    for (int done = 0; done < (int) (sampleRate / 10); done += maxBlock)
    {
        silence.clear();
        midi.clear();
        instance->processBlock (silence, midi);
    }
    return instance;
}

int instancesMade() noexcept
{
    return made.load();
}

std::string stateOf (juce::AudioPluginInstance& instance)
{
    std::lock_guard lock (mutex);
    juce::MemoryBlock data;
    instance.getStateInformation (data);
    return juce::Base64::toBase64 (data.getData(), data.getSize()).toStdString();
}
} // namespace loopstage::pluginhost::detail
