#pragma once
/** The engine's own description of a mix: plain values, no behaviour, no session types.

    A MixPlan is what the GUI or the CLI hands the engine: tracks (regions from audio files, with
    fades and gain), buses, stems (DX, FX, MX, ...) and the master. Session documents are turned
    into a MixPlan by SessionToPlan; tests build one directly. Compiling a plan (GraphCompiler)
    gives an immutable RenderGraph snapshot.

    Positions and lengths are in samples at `sampleRate`; gains in dB; pan in -1 (left) .. +1
    (right). Ids are stable across edits: they key node state (delay lines, meters) when a plan
    is recompiled, so an edit does not reset what it did not touch.
*/
#include "Dsp/Compressor.h"
#include "Dsp/DeEsser.h"
#include "Dsp/Equaliser.h"
#include "Dsp/TruePeakLimiter.h"
#include "Base/Json.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::engine
{
/** A breakpoint of an automation lane: `value` at timeline sample `frame`. */
struct AutomationPoint
{
    std::int64_t frame = 0;
    double value = 0.0;
};

/** Points sorted by frame; the value ramps linearly between points, holds before the first and
    after the last. An empty lane means "not automated": the static value applies. */
struct AutomationLane
{
    std::vector<AutomationPoint> points;
    bool empty() const noexcept { return points.empty(); }
};

enum class FadeShape
{
    linear,      ///< gain = x
    equalPower   ///< gain = sin(x * pi / 2): overlapping fades keep constant power
};

/** One piece of an audio file placed on a track's timeline. Its file may be at another sample
    rate than the plan's: `sourceStart` and `length` still count samples at the plan's rate (the
    file is converted, Playlist.h). */
struct PlanRegion
{
    std::filesystem::path file;
    std::int64_t position = 0;      ///< timeline sample where the region starts
    std::int64_t sourceStart = 0;   ///< first sample of the file that plays
    std::int64_t length = 0;        ///< samples
    std::int64_t fadeIn = 0;        ///< samples, from the region's start
    std::int64_t fadeOut = 0;       ///< samples, ending at the region's end
    FadeShape fadeInShape = FadeShape::linear;
    FadeShape fadeOutShape = FadeShape::linear;
    double gainDb = 0.0;
    /** Which file channel (0-based) each track channel plays, -1 for silence, one entry per
        track channel; empty: the automatic rules of Dsp/ChannelMap.h. */
    std::vector<int> channelMap;
};

/** A copy of a strip's signal to a bus, at its own level. */
struct PlanSend
{
    std::string bus;          ///< id of the receiving bus (or stem)
    double gainDb = 0.0;
    bool preFader = false;    ///< taps before the fader (mute and solo still apply)
};

/** An insert: a built-in processor, or an LV2/VST3 plug-in hosted through setPluginHost()
    (InsertProcessor.h; docs/PLUGINS.md). */
struct PlanInsert
{
    enum class Kind
    {
        delay,       ///< a pure delay that reports `samples` of latency (what a look-ahead plug-in does)
        trim,        ///< a gain of `gainDb` with no latency
        eq,          ///< parametric equaliser with `bands`
        compressor,  ///< feed-forward compressor with `compressor` settings
        deesser,     ///< de-esser with `deesser` settings
        limiter,     ///< look-ahead true-peak limiter with `limiter` settings (reports latency)
        lv2,         ///< LV2 plug-in: `plugin` is its URI
        vst3         ///< VST3 plug-in: `plugin` is its class id (32 hex digits)
    };
    std::string id;   ///< stable within its strip (keys its state across edits)
    Kind kind = Kind::trim;
    std::int64_t samples = 0;
    double gainDb = 0.0;
    std::vector<dsp::EqBand> bands;
    dsp::CompressorSettings compressor;
    dsp::DeEsserSettings deesser;
    dsp::LimiterSettings limiter;
    std::string plugin;            ///< lv2/vst3: the plug-in's URI or class id
    std::string stateBase64;       ///< lv2/vst3: its saved state (may be empty: defaults)
    Json parameters = Json::object(); ///< lv2/vst3: {"symbol or id": value} applied after the state
};

/** What tracks and buses share: a channel strip. */
struct PlanStrip
{
    std::string id;            ///< stable, unique across tracks, buses, stems and the master
    std::string name;
    int channels = 2;          ///< 1 mono, 2 stereo (L R), 6 5.1 (L R C LFE Ls Rs)
    double gainDb = 0.0;
    double pan = 0.0;          ///< -1 left .. +1 right (balance for stereo sources)
    double panFrontBack = 1.0; ///< 5.1 only: -1 rear .. +1 front
    bool mute = false;
    bool solo = false;
    bool soloSafe = false;     ///< never silenced by another strip's solo
    bool polarityInvert = false;
    std::vector<PlanInsert> inserts;
    std::vector<PlanSend> sends;
    std::string output;        ///< id of the bus/stem fed; empty: not routed (still metered)
    AutomationLane gainAutomation;    ///< dB
    AutomationLane panAutomation;     ///< -1 .. +1
    AutomationLane muteAutomation;    ///< > 0.5 is muted; steps, never ramps
};

struct PlanTrack : PlanStrip
{
    enum class Role
    {
        audio,
        guide,   ///< production sound to replace; usually not routed to a stem
        adr      ///< an ADR record track
    };
    Role role = Role::audio;
    std::vector<PlanRegion> regions;
};

/** A bus sums its inputs; a stem is a bus whose signal is also delivered as a file. */
struct PlanBus : PlanStrip
{
    bool isStem = false;
};

struct MixPlan
{
    double sampleRate = 48000.0;
    std::int64_t length = 0;      ///< samples from 0 that a render covers
    std::int64_t timeReference = 0; ///< samples since midnight of timeline 0 (BWF bext)
    std::vector<PlanTrack> tracks;
    std::vector<PlanBus> buses;   ///< buses and stems; stems are rendered in this order
    PlanStrip master { .id = "master", .name = "Master", .channels = 2 };
};

/** Checks ids, routing (every output and send names a bus, no feedback loops), channel counts
    and regions; throws InputError naming the offending strip. */
void validate (const MixPlan& plan);
} // namespace loopstage::engine
