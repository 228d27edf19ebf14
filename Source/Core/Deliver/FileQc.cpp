#include "Deliver/FileQc.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/Error.h"
#include "Deliver/Normalizer.h"
#include "Loudness/ChannelWeights.h"

#include <cmath>
#include <cstdio>

namespace loopstage::deliver
{
namespace
{
    std::string format1 (double v)
    {
        char text[32];
        std::snprintf (text, sizeof text, "%.1f", v);
        return text;
    }

    Json rounded (std::optional<double> v)
    {
        return v ? Json (std::round (*v * 100.0) / 100.0) : Json (nullptr);
    }
} // namespace

QcResult checkFile (const std::filesystem::path& file, const DeliverySpec& spec, const QcOptions& options,
                    Progress& progress)
{
    const auto info = audio::probeAudio (file);
    QcResult r;
    r.spec = spec.name;
    auto analysis = analysisFor (spec, options.speechFrames);
    analysis.keepHistory = options.keepPlots;
    analysis.keepPeakHistory = options.keepPlots;
    r.report = loudness::analyseFile (file, analysis, progress);
    const auto& m = r.report;

    const auto reading = readingFor (m, spec);
    r.checks.push_back ({ reading.dialogue ? "dialogue" : "integrated", rounded (reading.lufs),
                          format1 (reading.targetLufs) + " ± " + format1 (spec.toleranceLu),
                          reading.lufs && std::abs (*reading.lufs - reading.targetLufs) <= spec.toleranceLu + 1e-9 });
    if (spec.measure == Measure::dialogue)
        r.checks.push_back ({ "speech_percent", rounded (m.speechPercent),
                              "dialogue-gated at >= " + format1 (spec.minSpeechPercent) + ", else programme"
                                  + (options.speechSource.empty() ? std::string() : "; speech found in " + options.speechSource),
                              true });
    r.checks.push_back ({ "true_peak", rounded (m.truePeakDbtp), "<= " + format1 (spec.ceilingDbtp),
                          m.truePeakDbtp.value_or (-200.0) <= spec.ceilingDbtp });
    if (spec.lraMinLu || spec.lraMaxLu)
    {
        const double lo = spec.lraMinLu.value_or (0.0), hi = spec.lraMaxLu.value_or (1e9);
        r.checks.push_back ({ "lra", rounded (m.lraLu), format1 (lo) + " - " + format1 (hi),
                              m.lraLu && *m.lraLu >= lo && *m.lraLu <= hi });
    }

    const auto rate = options.sampleRate ? options.sampleRate : spec.sampleRate;
    r.checks.push_back ({ "sample_rate", (std::int64_t) std::llround (info.sampleRate), rate ? std::to_string ((long) *rate) : "any",
                          ! rate || std::abs (info.sampleRate - *rate) < 0.5 });
    const int depth = audio::bitDepth (info.format);
    const auto wantDepth = options.bitDepth ? options.bitDepth : spec.bitDepth;
    r.checks.push_back ({ "bit_depth", depth > 0 ? Json (depth) : Json (nullptr),
                          wantDepth ? std::to_string (*wantDepth) : "any", ! wantDepth || depth == *wantDepth });
    r.checks.push_back ({ "channels", info.channels, options.channels ? std::to_string (*options.channels) : "any",
                          ! options.channels || info.channels == *options.channels });
    r.checks.push_back ({ "layout", loudness::layoutName (info.channels), "mono, stereo or 5.1",
                          loudness::isKnownLayout (info.channels) });
    if (options.durationSeconds)
    {
        char limit[64];
        std::snprintf (limit, sizeof limit, "%.3f ± %.3f", *options.durationSeconds, options.durationToleranceSeconds);
        r.checks.push_back ({ "duration", std::round (info.durationSeconds() * 1000.0) / 1000.0, limit,
                              std::abs (info.durationSeconds() - *options.durationSeconds)
                                  <= options.durationToleranceSeconds + 1e-9 });
    }
    else
        r.checks.push_back ({ "duration", std::round (info.durationSeconds() * 1000.0) / 1000.0, "any", true });

    for (auto& c : r.checks)
        r.compliant = r.compliant && c.pass;
    return r;
}

Json toJson (const QcResult& result)
{
    Json checks = Json::array();
    for (auto& c : result.checks)
        checks.push_back ({ { "name", c.name }, { "value", c.value }, { "limit", c.limit }, { "pass", c.pass } });
    return { { "spec", result.spec }, { "compliant", result.compliant }, { "checks", checks },
             { "measurements", loudness::toJson (result.report) } };
}
void gateOnDialogueStem (QcOptions& options, const DeliverySpec& spec, const std::filesystem::path& programme,
                         const std::filesystem::path& stem)
{
    if (spec.measure != Measure::dialogue)
        throw InputError ("a dialogue stem is for dialogue-gated specs (netflix), not " + spec.name);
    const auto a = audio::probeAudio (programme), b = audio::probeAudio (stem);
    if (a.sampleRate != b.sampleRate || std::abs ((double) a.frames / a.sampleRate - (double) b.frames / b.sampleRate) > 0.1)
        throwFileError (stem, "the dialogue stem must have the programme's sample rate and length (" + programme.filename().string() + ")");
    options.speechFrames = findSpeech (stem);
    options.speechSource = stem.filename().string();
}
} // namespace loopstage::deliver
