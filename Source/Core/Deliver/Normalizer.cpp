#include "Deliver/Normalizer.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Deliver/DeliverableBext.h"
#include "Deliver/ProcessedStream.h"

#include <algorithm>
#include <cmath>

namespace loopstage::deliver
{
SpecReading readingFor (const loudness::LoudnessReport& report, const DeliverySpec& spec)
{
    if (spec.measure == Measure::dialogue && report.speechPercent && report.dialogueLufs
        && *report.speechPercent >= spec.minSpeechPercent)
        return { report.dialogueLufs, spec.targetLufs, true };
    const double target = spec.measure == Measure::dialogue ? spec.fallbackTargetLufs : spec.targetLufs;
    return { report.integratedLufs, target, false };
}

loudness::AnalysisOptions analysisFor (const DeliverySpec& spec, std::shared_ptr<const std::vector<bool>> speechFrames)
{
    loudness::AnalysisOptions o;
    o.dialogue = spec.measure == Measure::dialogue;
    if (o.dialogue)
        o.speechFrames = std::move (speechFrames);
    return o;
}

std::shared_ptr<const std::vector<bool>> findSpeech (const std::filesystem::path& dialogueStem)
{
    loudness::AnalysisOptions detect;
    detect.dialogue = true;
    return std::make_shared<const std::vector<bool>> (loudness::analyseFile (dialogueStem, detect).speechFrames);
}

NormalizeResult normalizeFile (const std::filesystem::path& in, const std::filesystem::path& out,
                               const DeliverySpec& spec, Progress& progress,
                               std::shared_ptr<const std::vector<bool>> speechFrames, const NormalizeOutput& output)
{
    NormalizeResult result;
    const auto analysis = analysisFor (spec, std::move (speechFrames));
    result.input = loudness::analyseFile (in, analysis, progress);
    const auto reading = readingFor (result.input, spec);
    if (! reading.lufs)
        throwFileError (in, "has no integrated loudness (silent, or shorter than 400 ms): nothing to normalise");

    const auto info = audio::probeAudio (in);
    const double linearGainDb = reading.targetLufs - *reading.lufs;
    double gainDb = linearGainDb;
    double limiterCeiling = spec.ceilingDbtp - 0.1;
    const double inputPeak = result.input.truePeakDbtp.value_or (-200.0);
    const bool limit = inputPeak + gainDb > limiterCeiling;

    // Limiting costs loudness: measure what came out and correct until it lands.
    std::optional<double> lastLufs;
    double lastGain = gainDb;
    // The nearest gains seen that land under and over the target: once both are known, the
    // next try stays between them. Heavy limiting can make loudness fall as gain rises (the
    // release ducks what follows each peak), and a secant step alone then walks away.
    std::optional<std::pair<double, double>> under, over;   // (gain, lufs)
    for (int pass = 0; limit && pass < 12; ++pass)
    {
        ProcessedStream stream (in, gainDb, limiterCeiling, 0);
        const auto measured = measure (stream, analysis);
        ++result.passes;
        progress.update (std::min (1.0, 0.2 * (pass + 1)), "normalise");
        const auto r = readingFor (measured, spec);
        if (! r.lufs)
            break;
        const double miss = r.targetLufs - *r.lufs;
        const double peak = measured.truePeakDbtp.value_or (-200.0);
        if (std::abs (miss) <= 0.03 && peak <= spec.ceilingDbtp - 0.05)
            break;
        // Secant step: the limiter (its release ducking what follows a peak) makes the output
        // rise less than the gain; the last two passes tell by how much.
        double step = miss;
        if (lastLufs && std::abs (*r.lufs - *lastLufs) > 1e-3)
            step = miss * std::clamp ((gainDb - lastGain) / (*r.lufs - *lastLufs), 1.0, 4.0);
        lastLufs = r.lufs;
        lastGain = gainDb;
        if (miss > 0 && (! under || gainDb > under->first))
            under = std::pair (gainDb, *r.lufs);
        if (miss < 0 && (! over || gainDb < over->first))
            over = std::pair (gainDb, *r.lufs);
        // Past 20 dB of make-up over the linear gain the limiter would be crushing the
        // programme (and lifting its noise floor) for little loudness: give up there.
        gainDb = std::min (gainDb + step, linearGainDb + 20.0);
        if (under && over)
        {
            // Regula falsi inside the bracket, kept off its ends so each pass narrows it.
            const auto [ga, la] = *under;
            const auto [gb, lb] = *over;
            const double t = std::clamp ((r.targetLufs - la) / (lb - la), 0.1, 0.9);
            gainDb = ga + t * (gb - ga);
        }
        if (gainDb == lastGain)
            break;
        if (peak > spec.ceilingDbtp - 0.05)
            limiterCeiling -= peak - (spec.ceilingDbtp - 0.05) + 0.01;
    }

    const auto format = output.format.value_or (info.format == audio::SampleFormat::other ? audio::SampleFormat::int24 : info.format);
    std::optional<double> finalCeiling;
    if (limit)
        finalCeiling = limiterCeiling;
    const int ditherBits = ditherBitsFor (format);
    {
        audio::AudioWriteOptions options { .sampleRate = info.sampleRate, .channels = info.channels, .format = format };
        const auto container = audio::containerForExtension (out.string());
        if (container == audio::Container::wav || container == audio::Container::rf64)
        {
            // The bext carries the loudness of what is written: measure exactly that stream
            // (the same gain, limiter and dither) before writing it.
            ProcessedStream measuring (in, gainDb, finalCeiling, ditherBits);
            const auto written = measure (measuring, analysis);
            audio::AudioFileReader source (in);
            options.bext = deliverableBext (source.bext(), written, format, "normalize " + spec.name);
            options.ixml = output.ixml ? output.ixml : source.ixml();
        }

        ProcessedStream stream (in, gainDb, finalCeiling, ditherBits);
        audio::AudioFileWriter writer (out, options);
        stream.writeTo (writer);
        writer.commit();
        result.limiterMaxReductionDb = stream.maxReductionDb();
    }
    result.gainDb = gainDb;
    result.output = loudness::analyseFile (out, analysis, progress);
    result.outputReading = readingFor (result.output, spec);
    result.compliant = result.outputReading.lufs
                    && std::abs (*result.outputReading.lufs - result.outputReading.targetLufs) <= spec.toleranceLu
                    && result.output.truePeakDbtp.value_or (-200.0) <= spec.ceilingDbtp;
    return result;
}
} // namespace loopstage::deliver
