// The .lsession JSON form (docs/SESSION_FORMAT.md): writer and strict reader.
#include "Session/SessionJson.h"
#include "Base/Error.h"
#include "Session/JsonReader.h"
#include "Session/Validate.h"

namespace loopstage::session
{
using detail::failAt;
using detail::ObjectReader;

namespace
{
    constexpr const char* formatTag = "loopstage-session";

    std::string at (const std::string& list, std::size_t i)
    {
        return list + "[" + std::to_string (i) + "]";
    }

    // ---- paths ------------------------------------------------------------------------------
    std::string pathToJson (const std::filesystem::path& file, const std::filesystem::path& base)
    {
        if (base.empty() || file.is_relative())
            return file.generic_string();
        const auto rel = file.lexically_normal().lexically_relative (std::filesystem::absolute (base).lexically_normal());
        if (rel.empty() || *rel.begin() == "..")
            return file.generic_string();
        return rel.generic_string();
    }

    std::filesystem::path pathFromJson (const std::string& text, const std::filesystem::path& base, const std::string& where)
    {
        if (text.empty())
            failAt (where, "must not be empty");
        std::filesystem::path p (text);
        if (p.is_relative() && ! base.empty())
            p = (std::filesystem::absolute (base) / p).lexically_normal();
        return p;
    }

    // ---- enums ------------------------------------------------------------------------------
    const char* insertKindName (Insert::Kind k)
    {
        switch (k)
        {
            case Insert::Kind::builtin: return "builtin";
            case Insert::Kind::lv2: return "lv2";
            case Insert::Kind::vst3: return "vst3";
        }
        return "builtin";
    }

    const char* parameterName (AutomationLane::Parameter p)
    {
        switch (p)
        {
            case AutomationLane::Parameter::gain: return "gain";
            case AutomationLane::Parameter::pan: return "pan";
            case AutomationLane::Parameter::mute: return "mute";
        }
        return "gain";
    }

    template <typename Enum>
    Enum pickName (ObjectReader& r, const std::string& key, std::optional<Enum> (*parse) (const std::string&),
                   const std::string& what, const std::string& choices, std::optional<Enum> fallback = std::nullopt)
    {
        if (fallback && ! r.has (key))
        {
            r.get (key);
            return *fallback;
        }
        const auto text = r.string (key);
        if (auto v = parse (text))
            return *v;
        failAt (r.pathOf (key), "unknown " + what + " '" + text + "' (" + choices + ")");
    }

    std::optional<Insert::Kind> parseInsertKind (const std::string& s)
    {
        for (auto k : { Insert::Kind::builtin, Insert::Kind::lv2, Insert::Kind::vst3 })
            if (s == insertKindName (k))
                return k;
        return std::nullopt;
    }

    std::optional<AutomationLane::Parameter> parseParameter (const std::string& s)
    {
        for (auto p : { AutomationLane::Parameter::gain, AutomationLane::Parameter::pan, AutomationLane::Parameter::mute })
            if (s == parameterName (p))
                return p;
        return std::nullopt;
    }

    timecode::FrameRate readRate (ObjectReader& r, const std::string& key)
    {
        const auto text = r.string (key);
        try
        {
            return timecode::FrameRate::parse (text);
        }
        catch (const InputError& e)
        {
            failAt (r.pathOf (key), e.what());
        }
    }

    timecode::Timecode readTimecode (ObjectReader& r, const std::string& key, const timecode::FrameRate& rate)
    {
        const auto text = r.string (key);
        try
        {
            const auto tc = timecode::parse (text, rate);
            timecode::toFrames (tc, rate);   // a label that does not exist at this rate
            return tc;
        }
        catch (const InputError& e)
        {
            failAt (r.pathOf (key), e.what());
        }
    }

    std::pair<double, double> readPair (const Json& j, const std::string& where)
    {
        if (! j.is_array() || j.size() != 2 || ! j[0].is_number() || ! j[1].is_number())
            failAt (where, "expected a pair of numbers [a, b], got " + j.dump());
        return { j[0].get<double>(), j[1].get<double>() };
    }

    // ---- writer -----------------------------------------------------------------------------
    Json stripToJson (const Strip& s)
    {
        Json j;
        j["id"] = s.id;
        j["name"] = s.name;
        j["channels"] = s.channels;
        j["gain_db"] = s.gainDb;
        j["pan"] = s.pan;
        j["pan_front_back"] = s.panFrontBack;
        j["mute"] = s.mute;
        j["solo"] = s.solo;
        j["solo_safe"] = s.soloSafe;
        j["polarity_invert"] = s.polarityInvert;
        j["output"] = s.output;
        j["sends"] = Json::array();
        for (auto& send : s.sends)
            j["sends"].push_back ({ { "bus", send.bus }, { "level_db", send.levelDb }, { "pre_fader", send.preFader } });
        j["inserts"] = Json::array();
        for (auto& ins : s.inserts)
            j["inserts"].push_back ({ { "id", ins.id }, { "kind", insertKindName (ins.kind) }, { "plugin", ins.plugin },
                                      { "name", ins.name }, { "bypass", ins.bypass }, { "state_base64", ins.stateBase64 },
                                      { "parameters", ins.parameters } });
        j["automation"] = Json::array();
        for (auto& lane : s.automation)
        {
            Json points = Json::array();
            for (auto& p : lane.points)
                points.push_back ({ p.time, p.value });
            j["automation"].push_back ({ { "parameter", parameterName (lane.parameter) }, { "points", points } });
        }
        return j;
    }

    void readStrip (ObjectReader& r, Strip& s)
    {
        s.id = r.string ("id");
        s.name = r.string ("name", s.id);
        s.channels = r.integer ("channels", 2);
        s.gainDb = r.number ("gain_db", 0.0);
        s.pan = r.number ("pan", 0.0);
        s.panFrontBack = r.number ("pan_front_back", 1.0);
        s.mute = r.boolean ("mute", false);
        s.solo = r.boolean ("solo", false);
        s.soloSafe = r.boolean ("solo_safe", false);
        s.polarityInvert = r.boolean ("polarity_invert", false);
        s.output = r.string ("output", "");

        const auto& sends = r.array ("sends");
        for (std::size_t i = 0; i < sends.size(); ++i)
        {
            ObjectReader sr (sends[i], at (r.pathOf ("sends"), i));
            s.sends.push_back ({ sr.string ("bus"), sr.number ("level_db", 0.0), sr.boolean ("pre_fader", false) });
            sr.finish();
        }
        const auto& inserts = r.array ("inserts");
        for (std::size_t i = 0; i < inserts.size(); ++i)
        {
            ObjectReader ir (inserts[i], at (r.pathOf ("inserts"), i));
            Insert ins;
            ins.id = ir.string ("id");
            ins.kind = pickName<Insert::Kind> (ir, "kind", parseInsertKind, "insert kind", "builtin, lv2, vst3");
            ins.plugin = ir.string ("plugin");
            ins.name = ir.string ("name", "");
            ins.bypass = ir.boolean ("bypass", false);
            ins.stateBase64 = ir.string ("state_base64", "");
            if (auto* p = ir.get ("parameters"))
            {
                if (! p->is_object())
                    failAt (ir.pathOf ("parameters"), "expected an object, got " + detail::typeName (*p));
                ins.parameters = *p;
            }
            ir.finish();
            s.inserts.push_back (std::move (ins));
        }
        const auto& lanes = r.array ("automation");
        for (std::size_t i = 0; i < lanes.size(); ++i)
        {
            ObjectReader lr (lanes[i], at (r.pathOf ("automation"), i));
            AutomationLane lane;
            lane.parameter = pickName<AutomationLane::Parameter> (lr, "parameter", parseParameter, "parameter", "gain, pan, mute");
            const auto& points = lr.array ("points");
            for (std::size_t k = 0; k < points.size(); ++k)
            {
                auto [t, v] = readPair (points[k], at (lr.pathOf ("points"), k));
                lane.points.push_back ({ t, v });
            }
            lr.finish();
            s.automation.push_back (std::move (lane));
        }
    }

    Json optionalNumber (const std::optional<double>& v) { return v ? Json (*v) : Json (nullptr); }

    // ---- channel maps: 1-based file channels, null for a silent track channel ---------------
    Json channelMapToJson (const std::vector<int>& map)
    {
        Json j = Json::array();
        for (int c : map)
            j.push_back (c > 0 ? Json (c) : Json (nullptr));
        return j;
    }

    std::vector<int> readChannelMap (ObjectReader& rr)
    {
        std::vector<int> map;
        const auto& list = rr.array ("channel_map");
        for (std::size_t i = 0; i < list.size(); ++i)
        {
            if (list[i].is_null())
                map.push_back (0);
            else if (list[i].is_number_integer() && list[i].get<int>() >= 1)
                map.push_back (list[i].get<int>());
            else
                failAt (at (rr.pathOf ("channel_map"), i), "expected a file channel number from 1, or null (silence), got "
                                                                + list[i].dump());
        }
        return map;
    }
} // namespace

std::optional<int> claimedVersion (const Json& json)
{
    if (! json.is_object())
        return std::nullopt;
    auto it = json.find ("schema_version");
    if (it == json.end() || ! it->is_number_integer())
        return std::nullopt;
    return (int) it->get<std::int64_t>();
}

Json toJson (const Session& s, const std::filesystem::path& base)
{
    const auto& rate = s.frameRate;
    Json j;
    j["format"] = formatTag;
    j["schema_version"] = schemaVersion;
    j["name"] = s.name;
    j["sample_rate"] = s.sampleRate;
    j["frame_rate"] = rate.name();
    j["start_timecode"] = timecode::format (s.startTimecode, rate);
    if (s.picture)
        j["picture"] = { { "file", pathToJson (s.picture->file, base) }, { "frame_rate", s.picture->frameRate.name() },
                         { "start_timecode", timecode::format (s.picture->startTimecode, s.picture->frameRate) } };
    if (s.delivery)
        j["delivery"] = { { "spec", s.delivery->spec }, { "territory", s.delivery->territory }, { "media", s.delivery->media } };

    j["tracks"] = Json::array();
    for (auto& t : s.tracks)
    {
        Json tj = stripToJson (t);
        tj["kind"] = toString (t.kind);
        j["tracks"].push_back (tj);
    }
    j["regions"] = Json::array();
    for (auto& r : s.regions)
        j["regions"].push_back ({ { "id", r.id }, { "track", r.track }, { "file", pathToJson (r.file, base) },
                                  { "source_offset", r.sourceOffset }, { "position", r.position }, { "length", r.length },
                                  { "gain_db", r.gainDb }, { "fade_in", r.fadeIn }, { "fade_out", r.fadeOut },
                                  { "fade_in_shape", toString (r.fadeInShape) }, { "fade_out_shape", toString (r.fadeOutShape) },
                                  { "music_cue", r.musicCue }, { "source_sample_rate", optionalNumber (r.sourceSampleRate) },
                                  { "source_channels", r.sourceChannels ? Json (*r.sourceChannels) : Json (nullptr) },
                                  { "channel_map", channelMapToJson (r.channelMap) } });
    j["buses"] = Json::array();
    for (auto& b : s.buses)
    {
        Json bj = stripToJson (b);
        bj["stem"] = b.isStem;
        j["buses"].push_back (bj);
    }
    j["master"] = stripToJson (s.master);

    j["adr_cues"] = Json::array();
    for (auto& c : s.adrCues)
    {
        Json takes = Json::array();
        for (auto& t : c.takes)
        {
            Json warp = Json::array();
            for (auto& w : t.warp)
                warp.push_back ({ w.guide, w.take });
            Json score = t.syncScore ? Json { { "median_ms", t.syncScore->medianMs }, { "p95_ms", t.syncScore->p95Ms } } : Json (nullptr);
            Json aligned = t.aligned ? Json { { "file", pathToJson (t.aligned->file, base) }, { "position_samples", t.aligned->position },
                                              { "length_samples", t.aligned->length } }
                                     : Json (nullptr);
            takes.push_back ({ { "id", t.id }, { "file", pathToJson (t.file, base) }, { "number", t.number },
                               { "rating", t.rating }, { "circled", t.circled }, { "offset", optionalNumber (t.offset) },
                               { "warp", warp }, { "sync_score", score }, { "confidence", optionalNumber (t.confidence) },
                               { "aligned", aligned }, { "region", t.region }, { "notes", t.notes } });
        }
        j["adr_cues"].push_back ({ { "id", c.id }, { "character", c.character }, { "line", c.line },
                                   { "timecode_in", timecode::format (c.in, rate) }, { "timecode_out", timecode::format (c.out, rate) },
                                   { "track", c.track }, { "notes", c.notes }, { "takes", takes } });
    }
    j["music"] = Json::array();
    for (auto& m : s.music)
        j["music"].push_back ({ { "id", m.id }, { "title", m.title }, { "composer", m.composer }, { "publisher", m.publisher },
                                { "licence", toString (m.licence) }, { "licence_id", m.licenceId },
                                { "territories", m.territories }, { "term_start", m.termStart }, { "term_end", m.termEnd },
                                { "media", m.media }, { "usage", m.usage }, { "notes", m.notes } });
    return j;
}

namespace
{
    Session readSession (const Json& json, const std::filesystem::path& base)
    {
        ObjectReader r (json, "");
        const auto format = r.string ("format");
        if (format != formatTag)
            failAt ("format", "expected '" + std::string (formatTag) + "', got '" + format + "' (not a LoopStage session)");
        const int version = r.integer ("schema_version");
        if (version < 1)
            failAt ("schema_version", "must be 1 or more, got " + std::to_string (version));
        if (version > schemaVersion)
            failAt ("schema_version", "the file was made by a newer LoopStage (schema version " + std::to_string (version)
                                          + ", this build reads up to " + std::to_string (schemaVersion)
                                          + "); it is not opened and will not be overwritten");

        Session s;
        s.name = r.string ("name");
        s.sampleRate = r.number ("sample_rate");
        s.frameRate = readRate (r, "frame_rate");
        s.startTimecode = readTimecode (r, "start_timecode", s.frameRate);

        if (auto* p = r.get ("picture"); p && ! p->is_null())
        {
            ObjectReader pr (*p, "picture");
            Picture pic;
            pic.file = pathFromJson (pr.string ("file"), base, pr.pathOf ("file"));
            pic.frameRate = pr.has ("frame_rate") ? readRate (pr, "frame_rate") : s.frameRate;
            pic.startTimecode = pr.has ("start_timecode") ? readTimecode (pr, "start_timecode", pic.frameRate) : s.startTimecode;
            pr.finish();
            s.picture = pic;
        }
        if (auto* d = r.get ("delivery"); d && ! d->is_null())
        {
            ObjectReader dr (*d, "delivery");
            s.delivery = DeliverySpec { dr.string ("spec"), dr.string ("territory", ""), dr.strings ("media") };
            dr.finish();
        }

        const auto& tracks = r.array ("tracks");
        for (std::size_t i = 0; i < tracks.size(); ++i)
        {
            ObjectReader tr (tracks[i], at ("tracks", i));
            Track t;
            readStrip (tr, t);
            t.kind = pickName<TrackKind> (tr, "kind", parseTrackKind, "kind", "dx, fx, mx, guide, adr");
            tr.finish();
            s.tracks.push_back (std::move (t));
        }
        const auto& regions = r.array ("regions");
        for (std::size_t i = 0; i < regions.size(); ++i)
        {
            ObjectReader rr (regions[i], at ("regions", i));
            Region g;
            g.id = rr.string ("id");
            g.track = rr.string ("track");
            g.file = pathFromJson (rr.string ("file"), base, rr.pathOf ("file"));
            g.sourceOffset = rr.number ("source_offset", 0.0);
            g.position = rr.number ("position");
            g.length = rr.number ("length");
            g.gainDb = rr.number ("gain_db", 0.0);
            g.fadeIn = rr.number ("fade_in", 0.0);
            g.fadeOut = rr.number ("fade_out", 0.0);
            const auto shapes = "linear, equal-power";
            g.fadeInShape = pickName<FadeShape> (rr, "fade_in_shape", parseFadeShape, "fade shape", shapes, FadeShape::linear);
            g.fadeOutShape = pickName<FadeShape> (rr, "fade_out_shape", parseFadeShape, "fade shape", shapes, FadeShape::linear);
            g.musicCue = rr.string ("music_cue", "");
            g.sourceSampleRate = rr.optionalNumber ("source_sample_rate");
            if (auto* c = rr.get ("source_channels"); c && ! c->is_null())
                g.sourceChannels = rr.integer ("source_channels");
            g.channelMap = readChannelMap (rr);
            rr.finish();
            s.regions.push_back (std::move (g));
        }
        const auto& buses = r.array ("buses");
        for (std::size_t i = 0; i < buses.size(); ++i)
        {
            ObjectReader br (buses[i], at ("buses", i));
            Bus b;
            readStrip (br, b);
            b.isStem = br.boolean ("stem", false);
            br.finish();
            s.buses.push_back (std::move (b));
        }
        if (auto* m = r.get ("master"))
        {
            ObjectReader mr (*m, "master");
            Bus master;
            readStrip (mr, master);
            mr.finish();
            s.master = std::move (master);
        }

        const auto& cues = r.array ("adr_cues");
        for (std::size_t i = 0; i < cues.size(); ++i)
        {
            ObjectReader cr (cues[i], at ("adr_cues", i));
            AdrCue c;
            c.id = cr.string ("id");
            c.character = cr.string ("character", "");
            c.line = cr.string ("line", "");
            c.in = readTimecode (cr, "timecode_in", s.frameRate);
            c.out = readTimecode (cr, "timecode_out", s.frameRate);
            c.track = cr.string ("track", "");
            c.notes = cr.string ("notes", "");
            const auto& takes = cr.array ("takes");
            for (std::size_t k = 0; k < takes.size(); ++k)
            {
                ObjectReader kr (takes[k], at (cr.pathOf ("takes"), k));
                Take t;
                t.id = kr.string ("id");
                t.file = pathFromJson (kr.string ("file"), base, kr.pathOf ("file"));
                t.number = kr.integer ("number", 1);
                t.rating = kr.integer ("rating", 0);
                t.circled = kr.boolean ("circled", false);
                t.offset = kr.optionalNumber ("offset");
                const auto& warp = kr.array ("warp");
                for (std::size_t w = 0; w < warp.size(); ++w)
                {
                    auto [g, tk] = readPair (warp[w], at (kr.pathOf ("warp"), w));
                    t.warp.push_back ({ g, tk });
                }
                if (auto* sc = kr.get ("sync_score"); sc && ! sc->is_null())
                {
                    ObjectReader sr (*sc, kr.pathOf ("sync_score"));
                    t.syncScore = SyncScore { sr.number ("median_ms"), sr.number ("p95_ms") };
                    sr.finish();
                }
                t.confidence = kr.optionalNumber ("confidence");
                if (auto* al = kr.get ("aligned"); al && ! al->is_null())
                {
                    ObjectReader ar (*al, kr.pathOf ("aligned"));
                    t.aligned = AlignedCopy { pathFromJson (ar.string ("file"), base, ar.pathOf ("file")),
                                              ar.samples ("position_samples"), ar.samples ("length_samples") };
                    ar.finish();
                }
                t.region = kr.string ("region", "");
                t.notes = kr.string ("notes", "");
                kr.finish();
                c.takes.push_back (std::move (t));
            }
            cr.finish();
            s.adrCues.push_back (std::move (c));
        }

        const auto& music = r.array ("music");
        for (std::size_t i = 0; i < music.size(); ++i)
        {
            ObjectReader mr (music[i], at ("music", i));
            MusicCue m;
            m.id = mr.string ("id");
            m.title = mr.string ("title");
            m.composer = mr.string ("composer", "");
            m.publisher = mr.string ("publisher", "");
            m.licence = pickName<LicenceType> (mr, "licence", parseLicenceType, "licence type", "own, licensed, library");
            m.licenceId = mr.string ("licence_id", "");
            m.territories = mr.strings ("territories");
            m.termStart = mr.string ("term_start", "");
            m.termEnd = mr.string ("term_end", "");
            m.media = mr.strings ("media");
            m.usage = mr.string ("usage", "");
            m.notes = mr.string ("notes", "");
            mr.finish();
            s.music.push_back (std::move (m));
        }
        r.finish();
        validate (s);
        return s;
    }
} // namespace

Session fromJson (const Json& json, const std::string& source, const std::filesystem::path& base)
{
    try
    {
        return readSession (json, base);
    }
    catch (const InputError& e)
    {
        throw InputError (source.empty() ? std::string (e.what()) : source + ": " + e.what());
    }
    catch (const Json::exception& e)
    {
        throw InputError ((source.empty() ? std::string() : source + ": ") + "malformed session: " + e.what());
    }
}
} // namespace loopstage::session
