// loopstage info: what an audio file is (format, length) and its Broadcast WAV metadata.
#include "CommandTable.h"
#include "AudioFile/AudioFileReader.h"
#include "Timecode/Timecode.h"

#include <cstring>
#include <filesystem>

namespace loopstage::cli
{
namespace
{
    using audio::BextChunk;
    using audio::IxmlChunk;

    Json textOrNull (const std::string& s)
    {
        return s.empty() ? Json (nullptr) : Json (s);
    }

    template <typename T>
    Json orNull (const std::optional<T>& v)
    {
        return v ? Json (*v) : Json (nullptr);
    }

    Json bextJson (const BextChunk& b, double sampleRate, const std::optional<timecode::FrameRate>& rate)
    {
        Json j;
        j["description"] = b.description;
        j["originator"] = b.originator;
        j["originator_reference"] = b.originatorReference;
        j["origination_date"] = b.originationDate;
        j["origination_time"] = b.originationTime;
        j["time_reference_samples"] = b.timeReference;
        j["time_reference"] = (double) b.timeReference / sampleRate;
        j["timecode"] = rate ? Json (audio::timecodeOfTimeReference (b.timeReference, *rate, sampleRate)) : Json (nullptr);
        j["timecode_rate"] = rate ? Json (rate->name()) : Json (nullptr);
        j["version"] = b.version;
        j["umid"] = textOrNull (b.umidHex());
        j["loudness_value_lufs"] = orNull (b.loudnessValue);
        j["loudness_range_lu"] = orNull (b.loudnessRange);
        j["max_true_peak_level_dbtp"] = orNull (b.maxTruePeakLevel);
        j["max_momentary_loudness_lufs"] = orNull (b.maxMomentaryLoudness);
        j["max_short_term_loudness_lufs"] = orNull (b.maxShortTermLoudness);
        j["coding_history"] = b.codingHistory;
        j["scene"] = orNull (b.scene());
        j["take"] = orNull (b.take());
        return j;
    }

    Json ixmlJson (const IxmlChunk& x)
    {
        Json j;
        j["version"] = textOrNull (x.version);
        j["project"] = textOrNull (x.project);
        j["scene"] = textOrNull (x.scene);
        j["take"] = textOrNull (x.take);
        j["tape"] = textOrNull (x.tape);
        j["circled"] = orNull (x.circled);
        j["note"] = textOrNull (x.note);
        if (x.speed)
        {
            const auto& s = *x.speed;
            const auto rate = s.frameRate();
            j["speed"] = Json {
                { "timecode_rate", textOrNull (s.timecodeRate) },
                { "timecode_flag", textOrNull (s.timecodeFlag) },
                { "frame_rate", rate ? Json (rate->name()) : Json (nullptr) },
                { "master_speed", textOrNull (s.masterSpeed) },
                { "current_speed", textOrNull (s.currentSpeed) },
                { "file_sample_rate", orNull (s.fileSampleRate) },
                { "audio_bit_depth", orNull (s.audioBitDepth) },
                { "digitizer_sample_rate", orNull (s.digitizerSampleRate) },
                { "timestamp_samples_since_midnight", orNull (s.timestampSamplesSinceMidnight) },
                { "timestamp_sample_rate", orNull (s.timestampSampleRate) },
                { "note", textOrNull (s.note) },
            };
        }
        else
            j["speed"] = nullptr;
        j["tracks"] = Json::array();
        for (const auto& t : x.tracks)
            j["tracks"].push_back ({ { "channel_index", t.channelIndex }, { "interleave_index", t.interleaveIndex },
                                     { "name", t.name }, { "function", t.function } });
        return j;
    }

    std::string oneLine (std::string s)
    {
        for (auto& c : s)
            if (c == '\r' || c == '\n')
                c = ' ';
        while (! s.empty() && s.back() == ' ')
            s.pop_back();
        return s;
    }

    std::string humanText (const std::filesystem::path& file, const Json& r)
    {
        std::string h = file.filename().string() + "\n"
            + "  " + r["container"].get<std::string>() + ", " + r["format"].get<std::string>() + ", "
            + std::to_string (r["sample_rate"].get<int>()) + " Hz, " + std::to_string (r["channels"].get<int>())
            + (r["channels"] == 1 ? " channel" : " channels") + "\n"
            + "  length       " + fixed (r["duration"].get<double>(), 3) + " s (" + std::to_string (r["frames"].get<std::int64_t>())
            + " frames)\n";
        auto line = [&h] (const char* label, const Json& v) {
            if (v.is_null() || (v.is_string() && v.get<std::string>().empty()))
                return;
            h += std::string ("  ") + label + std::string (13 - std::min<size_t> (12, std::strlen (label)), ' ')
                 + (v.is_string() ? oneLine (v.get<std::string>()) : v.dump()) + "\n";
        };
        if (const auto& b = r["bext"]; ! b.is_null())
        {
            h += "  bext (v" + std::to_string (b["version"].get<int>()) + ")\n";
            line ("description", b["description"]);
            line ("originator", b["originator"]);
            line ("reference", b["originator_reference"]);
            line ("origination", Json (oneLine (b["origination_date"].get<std::string>() + " " + b["origination_time"].get<std::string>())));
            std::string tr = std::to_string (b["time_reference_samples"].get<std::uint64_t>()) + " samples ("
                             + fixed (b["time_reference"].get<double>(), 3) + " s";
            if (! b["timecode"].is_null())
                tr += ", " + b["timecode"].get<std::string>() + " at " + b["timecode_rate"].get<std::string>();
            line ("time ref", Json (tr + ")"));
            line ("umid", b["umid"]);
            auto level = [&line] (const char* label, const Json& v, const char* unit) {
                if (! v.is_null())
                    line (label, Json (fixed (v.get<double>(), 2) + " " + unit));
            };
            level ("loudness", b["loudness_value_lufs"], "LUFS");
            level ("LRA", b["loudness_range_lu"], "LU");
            level ("true peak", b["max_true_peak_level_dbtp"], "dBTP");
            level ("momentary", b["max_momentary_loudness_lufs"], "LUFS");
            level ("short-term", b["max_short_term_loudness_lufs"], "LUFS");
            line ("history", b["coding_history"]);
        }
        if (const auto& x = r["ixml"]; ! x.is_null())
        {
            h += "  iXML\n";
            for (const char* key : { "project", "scene", "take", "tape", "circled", "note" })
                line (key, x[key]);
            if (! x["speed"].is_null())
            {
                const auto& s = x["speed"];
                line ("tc rate", s["frame_rate"].is_null() ? s["timecode_rate"] : s["frame_rate"]);
                line ("timestamp", s["timestamp_samples_since_midnight"]);
            }
            for (const auto& t : x["tracks"])
                line (("track " + std::to_string (t["channel_index"].get<int>())).c_str(),
                      Json (t["name"].get<std::string>() + (t["function"].get<std::string>().empty() ? "" : " (" + t["function"].get<std::string>() + ")")));
        }
        for (const auto& w : r["warnings"])
            h += "  warning: " + w.get<std::string>() + "\n";
        return h;
    }

    int runInfo (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const std::filesystem::path file = args.positional (0, "FILE");
        std::optional<timecode::FrameRate> forcedRate;
        if (auto rate = args.value ("rate"))
            forcedRate = timecode::FrameRate::parse (*rate);

        audio::AudioFileReader reader (file);
        const auto& info = reader.info();
        Json result { { "file", file.filename().string() },
                      { "container", audio::toString (info.container) },
                      { "format", audio::toString (info.format) },
                      { "bit_depth", audio::bitDepth (info.format) },
                      { "sample_rate", (std::int64_t) info.sampleRate },
                      { "channels", info.channels },
                      { "frames", info.frames },
                      { "duration", info.durationSeconds() } };

        // The time reference reads as timecode only at a known frame rate: --rate, else iXML's.
        auto rate = forcedRate;
        if (! rate && reader.ixml() && reader.ixml()->speed)
            rate = reader.ixml()->speed->frameRate();
        result["bext"] = reader.bext() ? bextJson (*reader.bext(), info.sampleRate, rate) : Json (nullptr);
        result["ixml"] = reader.ixml() ? ixmlJson (*reader.ixml()) : Json (nullptr);
        result["warnings"] = reader.metadataWarnings();

        out.result (result, humanText (file, result));
        return exitOk;
    }

const Command infoCommand {
    "info",
    "describe an audio file: format, length, Broadcast WAV (bext) and iXML metadata",
    "usage: loopstage info FILE [--rate RATE] [--json]\n"
    "\n"
    "  Reads WAV/BWF, RF64, AIFF, FLAC (anything libsndfile reads) and shows its format and the\n"
    "  bext and iXML chunks when present. A corrupt or unreadable file is bad input (exit 2); a\n"
    "  damaged bext/iXML chunk alone is only a warning.\n"
    "  --rate RATE   frame rate for showing the bext time reference as timecode (23.976 24 25\n"
    "                29.97 29.97df 30 ...); by default the iXML SPEED rate, when there is one\n"
    "\n"
    "JSON: {\"file\", \"container\" (wav rf64 aiff flac other), \"format\" (pcm16 pcm24 pcm32 float32\n"
    "       float64 other), \"bit_depth\", \"sample_rate\", \"channels\", \"frames\", \"duration\" (s),\n"
    "       \"bext\": null | {\"description\", \"originator\", \"originator_reference\",\n"
    "         \"origination_date\", \"origination_time\", \"time_reference_samples\" (since midnight),\n"
    "         \"time_reference\" (s), \"timecode\", \"timecode_rate\" (null without a rate), \"version\",\n"
    "         \"umid\" (hex or null), \"loudness_value_lufs\", \"loudness_range_lu\",\n"
    "         \"max_true_peak_level_dbtp\", \"max_momentary_loudness_lufs\",\n"
    "         \"max_short_term_loudness_lufs\" (null when not given), \"coding_history\",\n"
    "         \"scene\", \"take\" (the sSCENE= / sTAKE= description lines, or null)},\n"
    "       \"ixml\": null | {\"version\", \"project\", \"scene\", \"take\", \"tape\", \"circled\", \"note\",\n"
    "         \"speed\": null | {\"timecode_rate\", \"timecode_flag\", \"frame_rate\", \"master_speed\",\n"
    "           \"current_speed\", \"file_sample_rate\", \"audio_bit_depth\", \"digitizer_sample_rate\",\n"
    "           \"timestamp_samples_since_midnight\", \"timestamp_sample_rate\", \"note\"},\n"
    "         \"tracks\": [{\"channel_index\", \"interleave_index\", \"name\", \"function\"}]},\n"
    "       \"warnings\": [damaged metadata chunks]}\n"
    "       Text fields that are absent are null in \"ixml\" and \"\" in \"bext\" (fixed-size fields).",
    { .flags = {}, .values = { "rate" } },
    runInfo,
    20,
};
const CommandRegistration registerInfo (infoCommand);
} // namespace
} // namespace loopstage::cli
