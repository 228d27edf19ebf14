#include "Mix/SessionToPlan.h"
#include "Base/Error.h"
#include "Dsp/ProcessorParameters.h"
#include "Engine/InsertProcessor.h"
#include "Session/SessionWarnings.h"

#include <cmath>

namespace loopstage::mix
{
using namespace loopstage::engine;

namespace
{
    std::int64_t toSamples (double seconds, double rate) noexcept
    {
        return (std::int64_t) std::llround (seconds * rate);
    }

    FadeShape toPlan (session::FadeShape s) noexcept
    {
        return s == session::FadeShape::equalPower ? FadeShape::equalPower : FadeShape::linear;
    }

    double number (const Json& settings, const char* key, double fallback, const std::string& where)
    {
        if (! settings.contains (key))
            return fallback;
        if (! settings[key].is_number())
            throw InputError (where + ": setting '" + key + "' must be a number");
        return settings[key].get<double>();
    }

    /** The parameter `spec` describes, its default when absent; refused outside its range. */
    double parameter (const Json& settings, const dsp::ParameterSpec& spec, double rate, const std::string& where)
    {
        const double value = number (settings, spec.id, spec.defaultValue, where);
        if (const auto problem = dsp::rangeProblem (spec, value, rate); ! problem.empty())
            throw InputError (where + ": parameter '" + spec.id + "' " + problem);
        return value;
    }

    template <typename Settings, size_t n>
    Settings settings (const Json& p, const std::array<dsp::SettingSpec<Settings>, n>& table, double rate,
                       const std::string& where)
    {
        Settings s;
        for (const auto& entry : table)
            s.*(entry.field) = parameter (p, entry.spec, rate, where);
        return s;
    }

    std::string names (const auto& list)
    {
        std::string all;
        for (const auto& item : list)
            all += (all.empty() ? "" : ", ") + std::string (item);
        return all;
    }

    dsp::EqBand::Type bandType (const std::string& name, const std::string& where)
    {
        for (const auto& t : dsp::eqBandTypes)
            if (name == t.name)
                return t.type;
        std::vector<const char*> known;
        for (const auto& t : dsp::eqBandTypes)
            known.push_back (t.name);
        throw InputError (where + ": unknown EQ band type '" + name + "' (" + names (known) + ")");
    }

    PlanInsert builtin (const session::Insert& insert, double rate, const std::string& where)
    {
        const auto& p = insert.parameters;
        PlanInsert out;
        out.id = insert.id;
        if (insert.plugin == "trim")
        {
            out.kind = PlanInsert::Kind::trim;
            out.gainDb = parameter (p, dsp::trimGain, rate, where);
        }
        else if (insert.plugin == "delay")
        {
            out.kind = PlanInsert::Kind::delay;
            out.samples = p.contains ("samples") ? (std::int64_t) parameter (p, dsp::delaySamples, rate, where)
                                                 : toSamples (parameter (p, dsp::delaySeconds, rate, where), rate);
        }
        else if (insert.plugin == "eq")
        {
            out.kind = PlanInsert::Kind::eq;
            if (p.contains ("bands"))
            {
                if (! p["bands"].is_array())
                    throw InputError (where + ": 'bands' must be a list");
                for (const auto& b : p["bands"])
                {
                    const auto type = bandType (b.value ("type", std::string ("peak")), where);
                    const auto band = where + ", band " + std::to_string (out.bands.size() + 1);
                    out.bands.push_back (settings (b, dsp::eqBandParameters, rate, band));
                    out.bands.back().type = type;
                }
            }
        }
        else if (insert.plugin == "compressor")
        {
            out.kind = PlanInsert::Kind::compressor;
            out.compressor = settings (p, dsp::compressorParameters, rate, where);
        }
        else if (insert.plugin == "deesser")
        {
            out.kind = PlanInsert::Kind::deesser;
            out.deesser = settings (p, dsp::deEsserParameters, rate, where);
        }
        else if (insert.plugin == "limiter")
        {
            out.kind = PlanInsert::Kind::limiter;
            out.limiter = settings (p, dsp::limiterParameters, rate, where);
        }
        else
            throw InputError (where + ": unknown built-in processor '" + insert.plugin + "' (" + names (dsp::builtinProcessors) + ")");
        return out;
    }

    void copyStrip (const session::Strip& from, PlanStrip& to, double rate, std::vector<std::string>* warnings)
    {
        to.id = from.id;
        to.name = from.name;
        to.channels = from.channels;
        to.gainDb = from.gainDb;
        to.pan = from.pan;
        to.panFrontBack = from.panFrontBack;
        to.mute = from.mute;
        to.solo = from.solo;
        to.soloSafe = from.soloSafe;
        to.polarityInvert = from.polarityInvert;
        to.output = from.output;
        for (const auto& s : from.sends)
            to.sends.push_back ({ .bus = s.bus, .gainDb = s.levelDb, .preFader = s.preFader });
        for (const auto& insert : from.inserts)
        {
            const auto where = "strip '" + from.id + "', insert '" + insert.id + "'";
            if (insert.bypass)
                continue;
            if (insert.kind != session::Insert::Kind::builtin)
            {
                PlanInsert p;
                p.id = insert.id;
                p.kind = insert.kind == session::Insert::Kind::lv2 ? PlanInsert::Kind::lv2 : PlanInsert::Kind::vst3;
                p.plugin = insert.plugin;
                p.stateBase64 = insert.stateBase64;
                p.parameters = insert.parameters;
                std::string problem = "plug-in " + insert.plugin + " cannot be hosted: this program has no plug-in host";
                if (auto* host = pluginHost(); host != nullptr && host->check)
                {
                    try
                    {
                        problem = host->check (p);
                    }
                    catch (const InputError& e)
                    {
                        throw InputError (where + ": " + e.what());
                    }
                }
                if (! problem.empty())
                {
                    // Never dropped: the session keeps the insert; it sounds as if bypassed.
                    if (warnings != nullptr)
                        warnings->push_back (where + ": " + problem + "; bypassed");
                    continue;
                }
                to.inserts.push_back (std::move (p));
                continue;
            }
            to.inserts.push_back (builtin (insert, rate, where));
        }
        for (const auto& lane : from.automation)
        {
            AutomationLane* target = lane.parameter == session::AutomationLane::Parameter::gain ? &to.gainAutomation
                                   : lane.parameter == session::AutomationLane::Parameter::pan ? &to.panAutomation
                                                                                                : &to.muteAutomation;
            for (const auto& p : lane.points)
                target->points.push_back ({ toSamples (p.time, rate), p.value });
        }
    }
} // namespace

MixPlan sessionToPlan (const session::Session& session, std::vector<std::string>* warnings)
{
    const double rate = session.sampleRate;
    MixPlan plan;
    plan.sampleRate = rate;
    plan.length = toSamples (session.duration(), rate);
    plan.timeReference = (std::int64_t) std::llround (timecode::frameToSamples (
        timecode::toFrames (session.startTimecode, session.frameRate), session.frameRate, rate));

    for (const auto& track : session.tracks)
    {
        PlanTrack t;
        copyStrip (track, t, rate, warnings);
        t.role = track.kind == session::TrackKind::guide ? PlanTrack::Role::guide
               : track.kind == session::TrackKind::adr   ? PlanTrack::Role::adr
                                                         : PlanTrack::Role::audio;
        for (const auto& r : session.regions)
        {
            if (r.track != track.id)
                continue;
            PlanRegion region;
            region.file = r.file;
            region.position = toSamples (r.position, rate);
            region.sourceStart = toSamples (r.sourceOffset, rate);
            region.length = toSamples (r.length, rate);
            region.fadeIn = toSamples (r.fadeIn, rate);
            region.fadeOut = toSamples (r.fadeOut, rate);
            region.fadeInShape = toPlan (r.fadeInShape);
            region.fadeOutShape = toPlan (r.fadeOutShape);
            region.gainDb = r.gainDb;
            for (int c : r.channelMap)
                region.channelMap.push_back (c - 1);   // 1-based, 0 silent -> 0-based, -1 silent
            if (warnings != nullptr)
                if (const auto note = session::channelNote (session, r); ! note.empty())
                    warnings->push_back (r.id + ": " + note);
            t.regions.push_back (region);
        }
        plan.tracks.push_back (std::move (t));
    }
    for (const auto& bus : session.buses)
    {
        PlanBus b;
        copyStrip (bus, b, rate, warnings);
        b.isStem = bus.isStem;
        plan.buses.push_back (std::move (b));
    }
    plan.master = {};
    copyStrip (session.master, plan.master, rate, warnings);
    plan.master.output.clear();
    return plan;
}
} // namespace loopstage::mix
