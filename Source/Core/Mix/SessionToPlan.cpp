#include "Mix/SessionToPlan.h"
#include "Base/Error.h"
#include "Engine/InsertProcessor.h"

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

    dsp::EqBand::Type bandType (const std::string& name, const std::string& where)
    {
        if (name == "high-pass") return dsp::EqBand::Type::highPass;
        if (name == "low-shelf") return dsp::EqBand::Type::lowShelf;
        if (name == "peak") return dsp::EqBand::Type::peak;
        if (name == "high-shelf") return dsp::EqBand::Type::highShelf;
        if (name == "low-pass") return dsp::EqBand::Type::lowPass;
        throw InputError (where + ": unknown EQ band type '" + name + "' (high-pass, low-shelf, peak, high-shelf, low-pass)");
    }

    PlanInsert builtin (const session::Insert& insert, double rate, const std::string& where)
    {
        const auto& p = insert.parameters;
        PlanInsert out;
        out.id = insert.id;
        if (insert.plugin == "trim")
        {
            out.kind = PlanInsert::Kind::trim;
            out.gainDb = number (p, "gain_db", 0.0, where);
        }
        else if (insert.plugin == "delay")
        {
            out.kind = PlanInsert::Kind::delay;
            out.samples = p.contains ("samples") ? (std::int64_t) number (p, "samples", 0.0, where)
                                                 : toSamples (number (p, "seconds", 0.0, where), rate);
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
                    dsp::EqBand band;
                    band.type = bandType (b.value ("type", std::string ("peak")), where);
                    band.frequency = number (b, "frequency", band.frequency, where);
                    band.gainDb = number (b, "gain_db", 0.0, where);
                    band.q = number (b, "q", band.q, where);
                    out.bands.push_back (band);
                }
            }
        }
        else if (insert.plugin == "compressor")
        {
            out.kind = PlanInsert::Kind::compressor;
            auto& c = out.compressor;
            c.thresholdDb = number (p, "threshold_db", c.thresholdDb, where);
            c.ratio = number (p, "ratio", c.ratio, where);
            c.kneeDb = number (p, "knee_db", c.kneeDb, where);
            c.attackMs = number (p, "attack_ms", c.attackMs, where);
            c.releaseMs = number (p, "release_ms", c.releaseMs, where);
            c.makeupDb = number (p, "makeup_db", c.makeupDb, where);
        }
        else if (insert.plugin == "deesser")
        {
            out.kind = PlanInsert::Kind::deesser;
            auto& d = out.deesser;
            d.frequency = number (p, "frequency", d.frequency, where);
            d.q = number (p, "q", d.q, where);
            d.thresholdDb = number (p, "threshold_db", d.thresholdDb, where);
            d.ratio = number (p, "ratio", d.ratio, where);
            d.attackMs = number (p, "attack_ms", d.attackMs, where);
            d.releaseMs = number (p, "release_ms", d.releaseMs, where);
        }
        else if (insert.plugin == "limiter")
        {
            out.kind = PlanInsert::Kind::limiter;
            auto& l = out.limiter;
            l.ceilingDbtp = number (p, "ceiling_dbtp", l.ceilingDbtp, where);
            l.lookaheadMs = number (p, "lookahead_ms", l.lookaheadMs, where);
            l.releaseMs = number (p, "release_ms", l.releaseMs, where);
        }
        else
            throw InputError (where + ": unknown built-in processor '" + insert.plugin + "' (eq, compressor, deesser, limiter, trim, delay)");
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
