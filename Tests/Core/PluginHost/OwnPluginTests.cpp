// LoopStage's own plug-ins (Plugins/): the VST3 and LV2 builds of the true-peak limiter, found
// by the scans, hosted back through PluginHost as engine inserts. They must give the built-in
// "limiter" insert's samples (same DSP, linked from Core), report its latency so a session stays
// aligned, keep their state through a saved session, and process without allocating or locking.
#include "Support/MediaFactory.h"
#include "PluginSessionSupport.h"
#include "PluginTestSupport.h"
#include "Support/RealtimeGuard.h"
#include "Engine/OfflineRenderer.h"
#include "Mix/SessionToPlan.h"
#include "Loudness/TruePeakMeter.h"
#include "PluginHost/Catalogue.h"
#include "Session/SessionFile.h"
#include "Support/Process.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
/** `dir` ahead of `variable`'s folders; an unset LV2_PATH stands for lilv's defaults (a set one
    replaces them, and lv2apply in ReferenceHostTests still needs x42's bundles). */
void prependPath (const char* variable, const std::string& dir, const std::string& fallback)
{
    const char* old = std::getenv (variable);
    const std::string rest = old != nullptr && *old != 0 ? std::string (old) : fallback;
    ::setenv (variable, (rest.empty() ? dir : dir + ":" + rest).c_str(), 1);
}

// The bundles this build made (Plugins/CMakeLists.txt), searched before any scan: the catalogue
// reads VST3_PATH/LV2_PATH once per process, so they are set before main().
const bool ownPluginPaths = []
{
    const char* home = std::getenv ("HOME");
    prependPath ("VST3_PATH", LOOPSTAGE_PLUGIN_VST3_DIR, "");
    prependPath ("LV2_PATH", LOOPSTAGE_PLUGIN_LV2_DIR,
                 (home != nullptr ? std::string (home) + "/.lv2:" : std::string()) + "/usr/lib/lv2:/usr/local/lib/lv2");
    return true;
}();

const char* const limiterName = "LoopStage True-Peak Limiter";
const char* const limiterUri = "https://loopstage.org/plugins/LoopStageLimiter";

/** Our limiter as the scan lists it in `format`. */
pluginhost::PluginInfo ownLimiter (const std::string& format)
{
    for (const auto& p : pluginhost::listPlugins())
        if (p.format == format && p.name == limiterName)
            return p;
    FAIL ("the " << format << " scan did not find " << limiterName);
    throw std::logic_error ("unreachable");
}

engine::PlanInsert pluginPlan (const std::string& format, Json parameters = Json::object())
{
    engine::PlanInsert p;
    p.id = "own";
    p.kind = format == "vst3" ? engine::PlanInsert::Kind::vst3 : engine::PlanInsert::Kind::lv2;
    p.plugin = ownLimiter (format).id;
    p.parameters = std::move (parameters);
    return p;
}

engine::PlanInsert builtinLimiter (double ceilingDbtp = -1.0)
{
    engine::PlanInsert p;
    p.id = "builtin";
    p.kind = engine::PlanInsert::Kind::limiter;
    p.limiter.ceilingDbtp = ceilingDbtp;
    return p;
}

/** The plug-in's parameter called `name` as a session names it (LV2 symbol or VST3 id). */
std::string parameterKey (const engine::PlanInsert& plan, const std::string& name)
{
    auto instance = pluginhost::detail::instantiate (plan, 2, 48000.0, 512);
    for (auto* p : instance->getParameters())
        if (auto* hosted = dynamic_cast<juce::HostedAudioProcessorParameter*> (p); hosted != nullptr && p->getName (64) == juce::String (name))
        {
            const auto id = hosted->getParameterID();
            return (id.startsWith ("sym:") ? id.substring (4) : id).toStdString();
        }
    FAIL ("no parameter " << name);
    throw std::logic_error ("unreachable");
}

/** A stereo sine at 997 Hz (its inter-sample peaks fall between samples) of `amplitude`. */
std::vector<std::vector<float>> stereoTone (double amplitude, int frames)
{
    return { sine (997.0, amplitude, frames), sine (997.0, amplitude * 0.9, frames) };
}

void runStereo (engine::InsertProcessor& insert, std::vector<std::vector<float>>& channels, int block)
{
    const size_t frames = channels[0].size();
    for (size_t at = 0; at < frames; at += (size_t) block)
    {
        float* pointers[] = { channels[0].data() + at, channels[1].data() + at };
        insert.process (pointers, 2, (int) std::min ((size_t) block, frames - at));
    }
}

/** True peak (dBTP) of the channels from `from` on (16x, the meters' reference reach). */
double truePeakDb (const std::vector<std::vector<float>>& channels, size_t from)
{
    loudness::TruePeakMeter meter;
    meter.prepare ((int) channels.size(), 4096);
    for (size_t at = from; at < channels[0].size(); at += 4096)
    {
        const int n = (int) std::min<size_t> (4096, channels[0].size() - at);
        std::vector<const float*> pointers;
        for (auto& c : channels)
            pointers.push_back (c.data() + at);
        meter.process (pointers.data(), n);
    }
    meter.flush();
    return db (meter.truePeak());
}

float maxDifference (const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b)
{
    float worst = 0.0f;
    for (size_t c = 0; c < a.size(); ++c)
        for (size_t i = 0; i < a[c].size(); ++i)
            worst = std::max (worst, std::abs (a[c][i] - b[c][i]));
    return worst;
}

/** The twin session with `insert` on the wet track; renders with no warning. */
session::Session twinSession (const std::filesystem::path& source, double seconds, const session::Insert& insert)
{
    auto s = test::twinSession (source, seconds);
    s.tracks[0].inserts = { insert };
    return s;
}

engine::RenderedMix render (const session::Session& s)
{
    std::vector<std::string> warnings;
    auto mix = renderSession (s, &warnings);
    INFO ((warnings.empty() ? std::string() : warnings.front()));
    CHECK (warnings.empty());
    return mix;
}

session::Insert sessionInsert (const std::string& format)
{
    return { .id = "own",
             .kind = format == "vst3" ? session::Insert::Kind::vst3 : session::Insert::Kind::lv2,
             .plugin = ownLimiter (format).id };
}
} // namespace

TEST_CASE ("LoopStage's limiter is found by the VST3 and the LV2 scan", "[pluginhost][own]")
{
    const auto vst3 = ownLimiter ("vst3");
    INFO ("VST3 id " << vst3.id);
    CHECK (! vst3.id.empty());   // what a session stores (tests below load the plug-in by it)
    CHECK (vst3.vendor == "LoopStage");
    CHECK (vst3.inputs == 2);
    CHECK (vst3.outputs == 2);
    const auto lv2 = ownLimiter ("lv2");
    CHECK (lv2.id == limiterUri);
}

TEST_CASE ("our limiter plug-in holds +2 dBTP under its ceiling with the built-in limiter's samples and latency",
           "[pluginhost][own]")
{
    pluginhost::install();
    const auto builtin = engine::makeInsert (builtinLimiter(), 2, 48000.0);
    auto reference = stereoTone (std::pow (10.0, 2.0 / 20.0), 48000);   // +2 dBTP
    REQUIRE (truePeakDb (reference, 0) == Approx (2.0).margin (0.1));
    runStereo (*builtin, reference, 4096);

    for (const std::string format : { "vst3", "lv2" })
    {
        INFO (format);
        auto plugin = engine::makeInsert (pluginPlan (format), 2, 48000.0);
        CHECK (plugin->latency() == builtin->latency());
        CHECK (plugin->latency() == 499);   // 5 ms look-ahead at 48 kHz + the detector's 256 + 4
        auto out = stereoTone (std::pow (10.0, 2.0 / 20.0), 48000);
        runStereo (*plugin, out, 480);
        const double peak = truePeakDb (out, 4800);
        INFO ("true peak out " << peak << " dBTP");
        CHECK (peak <= -1.0 + 0.1);
        CHECK (peak > -1.5);   // limited, not squashed
        const float difference = maxDifference (out, reference);
        INFO ("largest difference from the built-in limiter " << difference);
        CHECK (difference <= 1e-6f);
    }
}

TEST_CASE ("our limiter plug-in runs on a mono strip", "[pluginhost][own]")
{
    pluginhost::install();
    const auto builtin = engine::makeInsert (builtinLimiter(), 1, 48000.0);
    auto reference = sine (997.0, 1.25, 24000);
    runMono (*builtin, reference, 4096);
    for (const std::string format : { "vst3", "lv2" })
    {
        INFO (format);
        auto plugin = engine::makeInsert (pluginPlan (format), 1, 48000.0);
        CHECK (plugin->latency() == builtin->latency());
        auto out = sine (997.0, 1.25, 24000);
        runMono (*plugin, out, 256);
        CHECK (maxDifference ({ out }, { reference }) <= 1e-6f);
    }
}

TEST_CASE ("delay compensation keeps our latent limiter's track aligned with its dry twin", "[pluginhost][own][pdc]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-own-pdc");
    // Under the ceiling the limiter is a pure delay of its latency: compensated, wet == dry.
    const auto source = makeSource (dir, "noise", 1, 1.0, "pinknoise", 0.05);
    for (const std::string format : { "vst3", "lv2" })
    {
        INFO (format);
        const auto mix = render (twinSession (source, 1.0, sessionInsert (format)));
        CHECK (mix.latency == 499);
        const auto& wet = stemChannel (mix, "DX");
        const auto& dry = stemChannel (mix, "FX");
        REQUIRE (wet.size() == dry.size());
        double residual = 0.0, energy = 0.0;
        for (size_t i = 0; i < wet.size(); ++i)
        {
            residual += (double) (wet[i] - dry[i]) * (wet[i] - dry[i]);
            energy += (double) dry[i] * dry[i];
        }
        REQUIRE (energy > 0.0);
        CHECK (residual == 0.0);   // sample-aligned and untouched
    }
}

TEST_CASE ("our limiter's ceiling survives a saved session as its state", "[pluginhost][own][session]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-own-state");
    const auto source = makeSource (dir, "tone", 1, 1.0, "sine 997", 1.0);   // about +0 dBTP
    for (const std::string format : { "vst3", "lv2" })
    {
        INFO (format);
        auto insert = sessionInsert (format);
        const auto key = parameterKey (pluginPlan (format), "Ceiling");
        insert.parameters = { { key, "-6" } };   // as text: the plug-in's own units (dBTP)
        const auto withKey = insert;
        insert.stateBase64 = pluginhost::captureState (insert, 1, 48000.0);
        insert.parameters = Json::object();   // only the state can set the ceiling now
        REQUIRE (! insert.stateBase64.empty());

        const auto withParameters = render (twinSession (source, 1.0, withKey));
        session::saveSession (twinSession (source, 1.0, insert), dir / ("state-" + format + ".lsession"));
        const auto reopened = session::loadSession (dir / ("state-" + format + ".lsession"));
        REQUIRE (reopened.tracks[0].inserts[0].stateBase64 == insert.stateBase64);
        const auto mix = render (reopened);
        CHECK (stemChannel (mix, "DX") == stemChannel (withParameters, "DX"));   // bit-identical

        // The stems carry the pan law; the dry twin (a 0 dBTP tone) shows how much.
        const double peak = truePeakDb ({ stemChannel (mix, "DX") }, 4800) - truePeakDb ({ stemChannel (mix, "FX") }, 4800);
        INFO ("true peak out " << peak << " dB relative to the 0 dBTP input");
        CHECK (peak <= -6.0 + 0.1);
        CHECK (peak > -6.5);
    }
}

TEST_CASE ("our limiter plug-ins process without allocating, the only locks being JUCE's wrappers'", "[pluginhost][own][realtime]")
{
    // Measured through the whole hosting path (PluginInsert, JUCE's host, JUCE's wrapper, our
    // processBlock). What is not ours, found with gdb on the guard (docs/PLUGINS.md):
    // - JUCE's LV2 wrapper takes the processor's callback lock (uncontended) once per run();
    // - JUCE 7.0.5's VST3 wrapper copies a channel mapping (one std::vector) per process() and
    //   locks its callback lock; JUCE's VST3 host clears two MidiEventLists (locked arrays).
    // The LV2 path shows our processBlock itself allocates nothing; bounds catch any addition.
    pluginhost::install();
    constexpr std::uint64_t blocks = 100;
    for (const std::string format : { "vst3", "lv2" })
    {
        INFO (format);
        auto insert = engine::makeInsert (pluginPlan (format), 2, 48000.0);
        auto tone = stereoTone (1.5, 480 * (int) blocks);
        armRealtimeGuard();
        {
            RealtimeScope scope;
            runStereo (*insert, tone, 480);
        }
        const auto violations = disarmRealtimeGuard();
        INFO ("allocations " << violations.allocations << ", frees " << violations.frees << ", locks " << violations.locks);
        if (format == "lv2")
        {
            CHECK (violations.allocations == 0);
            CHECK (violations.frees == 0);
            CHECK (violations.locks <= blocks);
        }
        else
        {
            CHECK (violations.allocations <= blocks);
            CHECK (violations.frees <= blocks);
            CHECK (violations.locks <= 4 * blocks);
        }
    }
}

TEST_CASE ("loopstage plugins lists our VST3 limiter from VST3_PATH", "[pluginhost][own][cli]")
{
    const auto result = runLoopstage ({ "plugins", "--format", "vst3", "--json" });
    INFO (result.err);
    REQUIRE (result.exitCode == 0);
    CHECK (result.out.find (limiterName) != std::string::npos);
}

TEST_CASE ("our compressor and de-esser plug-ins give the built-in inserts' samples", "[pluginhost][own]")
{
    pluginhost::install();
    struct Case
    {
        const char* name;
        engine::PlanInsert::Kind builtin;   // with its settings' defaults, as the plug-in's
        double frequency;                   // a tone the processor acts on
    };
    for (const auto& c : { Case { "LoopStage Compressor", engine::PlanInsert::Kind::compressor, 997.0 },
                           Case { "LoopStage De-Esser", engine::PlanInsert::Kind::deesser, 6500.0 } })
    {
        INFO (c.name);
        engine::PlanInsert builtinPlan;
        builtinPlan.id = "builtin";
        builtinPlan.kind = c.builtin;
        const auto builtin = engine::makeInsert (builtinPlan, 2, 48000.0);
        const std::vector<std::vector<float>> dry { sine (c.frequency, 0.7, 48000), sine (c.frequency, 0.6, 48000) };
        auto reference = dry;
        runStereo (*builtin, reference, 4096);

        for (const std::string format : { "vst3", "lv2" })
        {
            INFO (format);
            engine::PlanInsert p;
            p.id = "own";
            p.kind = format == "vst3" ? engine::PlanInsert::Kind::vst3 : engine::PlanInsert::Kind::lv2;
            for (const auto& found : pluginhost::listPlugins())
                if (found.format == format && found.name == c.name)
                    p.plugin = found.id;
            REQUIRE (! p.plugin.empty());
            auto plugin = engine::makeInsert (p, 2, 48000.0);
            CHECK (plugin->latency() == 0);
            auto out = dry;
            runStereo (*plugin, out, 480);
            CHECK (rms (out[0], 24000, 48000) < 0.7 * rms (dry[0], 24000, 48000));   // it acted
            const float difference = maxDifference (out, reference);
            INFO ("largest difference from the built-in insert " << difference);
            CHECK (difference <= 1e-6f);
        }
    }
}

TEST_CASE ("our limiter bypassed passes audio untouched but still delayed by its latency", "[pluginhost][own]")
{
    pluginhost::install();
    auto instance = pluginhost::detail::instantiate (pluginPlan ("vst3"), 2, 48000.0, 512);
    auto* bypass = instance->getBypassParameter();
    REQUIRE (bypass != nullptr);
    bypass->setValue (1.0f);
    juce::AudioBuffer<float> buffer (2, 512);
    buffer.clear();
    buffer.setSample (0, 0, 1.5f);   // over the ceiling: the limiter would have touched it
    juce::MidiBuffer midi;
    instance->processBlock (buffer, midi);
    CHECK (buffer.getSample (0, instance->getLatencySamples()) == 1.5f);
    int nonZero = 0;
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < 512; ++i)
            nonZero += buffer.getSample (c, i) != 0.0f ? 1 : 0;
    CHECK (nonZero == 1);
}

TEST_CASE ("at 96 kHz our limiter plug-ins report the built-in limiter's latency", "[pluginhost][own]")
{
    // LV2 reports latency in run(); a VST3 plug-in reports the 48 kHz figure until its
    // restartComponent(kLatencyChanged) reaches the host through the message loop (PluginHost
    // lets pending messages through after activating it).
    pluginhost::install();
    const auto builtin = engine::makeInsert (builtinLimiter(), 2, 96000.0);
    CHECK (builtin->latency() == 739);
    auto reference = stereoTone (1.25, 9600);
    runStereo (*builtin, reference, 4096);
    for (const std::string format : { "vst3", "lv2" })
    {
        INFO (format);
        auto plugin = engine::makeInsert (pluginPlan (format), 2, 96000.0);
        CHECK (plugin->latency() == builtin->latency());
        auto out = stereoTone (1.25, 9600);
        runStereo (*plugin, out, 512);
        CHECK (maxDifference (out, reference) <= 1e-6f);
    }
}

TEST_CASE ("a session names our VST3 limiter wherever its bundle is installed", "[pluginhost][own]")
{
    // JUCE's identifier string carries a hash of the bundle's folder: the same plug-in installed
    // elsewhere (another machine's ~/.vst3) differs only there, and must still be found.
    CHECK (pluginhost::detail::withoutPathHash ("VST3-LoopStage True-Peak Limiter-1f1b9fcf-dc798106")
           == "VST3-LoopStage True-Peak Limiter-dc798106");
    CHECK (pluginhost::detail::withoutPathHash ("no-dashes") == "no-dashes");
    pluginhost::install();
    auto plan = pluginPlan ("vst3");
    const auto last = plan.plugin.rfind ('-');
    const auto before = plan.plugin.rfind ('-', last - 1);
    plan.plugin = plan.plugin.substr (0, before) + "-0badf01d" + plan.plugin.substr (last);
    INFO (plan.plugin);
    CHECK (engine::pluginHost()->check (plan).empty());
    auto moved = engine::makeInsert (plan, 2, 48000.0);
    CHECK (moved->latency() == 499);
}
