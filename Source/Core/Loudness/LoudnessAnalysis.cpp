#include "Loudness/LoudnessAnalysis.h"
#include "AudioFile/AudioFileReader.h"
#include "Loudness/DialogueGate.h"
#include "Loudness/LoudnessMeter.h"
#include "Loudness/TruePeakMeter.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace loopstage::loudness
{
namespace
{
    constexpr std::int64_t chunkFrames = 1 << 16;

    std::optional<double> finite (double v)
    {
        return std::isfinite (v) ? std::optional<double> (v) : std::nullopt;
    }

    struct Chunk
    {
        std::vector<std::vector<float>> data;
        std::vector<float*> pointers;
        std::int64_t frames = 0;

        Chunk (int channels) : data ((size_t) channels, std::vector<float> ((size_t) chunkFrames))
        {
            for (auto& d : data)
                pointers.push_back (d.data());
        }
    };

    // Runs jobs 0..count-1 on `threads` threads (the caller's included).
    template <typename Job>
    void runJobs (int count, int threads, const Job& job)
    {
        std::atomic<int> next { 0 };
        auto worker = [&]
        {
            for (int j = next++; j < count; j = next++)
                job (j);
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < std::min (threads, count); ++t)
            pool.emplace_back (worker);
        worker();
        for (auto& t : pool)
            t.join();
    }
} // namespace

LoudnessReport analyse (const AudioSource& source, double sampleRate, int channels,
                        std::int64_t expectedFrames, const AnalysisOptions& options, Progress& progress)
{
    LoudnessReport report;
    report.sampleRate = sampleRate;
    report.channels = channels;

    LoudnessMeter meter;
    meter.prepare (channels, sampleRate);
    if (options.keepHistory || options.dialogue)
        meter.setHistory (&report.subBlocks);
    TruePeakMeter peaks;
    peaks.prepare (channels);
    if (options.keepPeakHistory)
    {
        report.truePeakHistory.resize ((size_t) channels);
        for (int c = 0; c < channels; ++c)
            peaks.setHistory (c, &report.truePeakHistory[(size_t) c]);
    }
    DialogueGate gate;
    std::vector<float> mono;
    const bool detectSpeech = options.dialogue && options.speechFrames == nullptr;
    if (detectSpeech)
    {
        gate.prepare (sampleRate);
        mono.resize ((size_t) chunkFrames);
    }

    const int threads = options.threads > 0 ? options.threads
                                            : (int) std::max (1u, std::thread::hardware_concurrency());
    Chunk a (channels), b (channels);
    Chunk* current = &a;
    Chunk* next = &b;
    const std::int64_t chunk = std::min<std::int64_t> (chunkFrames, meter.maxSplitFrames());
    current->frames = source (current->pointers.data(), chunk);
    while (current->frames > 0)
    {
        // Jobs: read the next chunk; per channel, K-weighting and true peak; speech detection.
        // The meter's sub-blocks are then closed here, on one thread, in order.
        const int n = (int) current->frames;
        runJobs (1 + 2 * channels + (detectSpeech ? 1 : 0), threads, [&] (int job)
        {
            if (job == 0)
                next->frames = source (next->pointers.data(), chunk);
            else if (job <= channels)
                meter.filterChannel (job - 1, current->pointers[(size_t) (job - 1)], n);
            else if (job <= 2 * channels)
                peaks.processChannel (job - 1 - channels, current->pointers[(size_t) (job - 1 - channels)], n);
            else
            {
                dialogueDownmix (current->pointers.data(), channels, n, mono.data());
                gate.process (mono.data(), n);
            }
        });
        meter.commit (n);
        report.frames += current->frames;
        std::swap (current, next);
        if (expectedFrames > 0)
            progress.update (std::min (1.0, (double) report.frames / (double) expectedFrames), "loudness");
    }
    peaks.flush();

    report.integratedLufs = meter.integratedLufs();
    report.lraLu = meter.loudnessRangeLu();
    report.truePeakDbtp = finite (toDecibels (peaks.truePeak()));
    report.samplePeakDbfs = finite (toDecibels (peaks.samplePeak()));
    report.momentaryMaxLufs = finite (meter.momentaryMaxLufs());
    report.shortTermMaxLufs = finite (meter.shortTermMaxLufs());
    if (options.dialogue)
    {
        if (detectSpeech)
        {
            gate.finish();
            report.speechFrames = gate.speechFrames();
            report.speechPercent = gate.speechPercent();
        }
        else
        {
            report.speechFrames = *options.speechFrames;
            report.speechFrames.resize (report.subBlocks.size(), false);
            const auto speaking = std::count (report.speechFrames.begin(), report.speechFrames.end(), true);
            report.speechPercent = report.speechFrames.empty() ? 0.0 : 100.0 * (double) speaking / (double) report.speechFrames.size();
        }
        // A 400 ms block counts as dialogue when at least half of its frames are speech.
        std::vector<bool> include (report.subBlocks.size(), false);
        const auto& speech = report.speechFrames;
        for (size_t i = 3; i < include.size(); ++i)
        {
            int votes = 0;
            for (size_t k = i - 3; k <= i; ++k)
                votes += k < speech.size() && speech[k] ? 1 : 0;
            include[i] = votes >= 2;
        }
        report.dialogueLufs = integratedFromHistory (report.subBlocks, include);
        if (! options.keepHistory)
            report.subBlocks.clear();
    }
    return report;
}

LoudnessReport analyseFile (const std::filesystem::path& file, const AnalysisOptions& options, Progress& progress)
{
    audio::AudioFileReader reader (file);
    const auto& info = reader.info();
    return analyse ([&] (float* const* dest, std::int64_t frames) { return reader.read (dest, frames); },
                    info.sampleRate, info.channels, info.frames, options, progress);
}

LoudnessReport analyseBuffer (const audio::AudioBuffer& buffer, const AnalysisOptions& options)
{
    std::int64_t position = 0;
    const auto total = buffer.numFrames();
    return analyse ([&] (float* const* dest, std::int64_t frames)
                    {
                        const auto n = std::min (frames, total - position);
                        for (int c = 0; c < buffer.numChannels(); ++c)
                            std::copy_n (buffer.channels[(size_t) c].data() + position, n, dest[c]);
                        position += n;
                        return n;
                    },
                    buffer.sampleRate, buffer.numChannels(), total, options);
}

Json toJson (const LoudnessReport& r)
{
    auto round2 = [] (std::optional<double> v) -> std::optional<double>
    {
        if (! v)
            return v;
        return std::round (*v * 100.0) / 100.0;
    };
    Json j { { "sample_rate", (std::int64_t) std::lround (r.sampleRate) },
             { "channels", r.channels },
             { "duration", r.durationSeconds() },
             { "integrated_lufs", numberOrNull (round2 (r.integratedLufs)) },
             { "lra_lu", numberOrNull (round2 (r.lraLu)) },
             { "true_peak_dbtp", numberOrNull (round2 (r.truePeakDbtp)) },
             { "sample_peak_dbfs", numberOrNull (round2 (r.samplePeakDbfs)) },
             { "momentary_max_lufs", numberOrNull (round2 (r.momentaryMaxLufs)) },
             { "short_term_max_lufs", numberOrNull (round2 (r.shortTermMaxLufs)) } };
    if (r.speechPercent)
    {
        j["dialogue_lufs"] = numberOrNull (round2 (r.dialogueLufs));
        j["speech_percent"] = numberOrNull (round2 (r.speechPercent));
    }
    return j;
}
} // namespace loopstage::loudness
