#include "Engine/OfflineRenderer.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Engine/GraphCompiler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

namespace loopstage::engine
{
namespace
{
    /** One delivered signal: where it is in the graph and how late it comes out. */
    struct Output
    {
        const StripNode* node = nullptr;
        int latency = 0;
    };

    using Sink = std::function<void (size_t output, const float* const* channels, int offset, std::int64_t outFrame, int count)>;

    /** Runs the graph over the whole plan and hands every output's aligned samples to `sink`. */
    int renderBlocks (const MixPlan& plan, const RenderOptions& options, Progress& progress,
                      std::vector<std::string>& names, std::vector<int>& channels,
                      const std::function<void()>& ready, const Sink& sink)
    {
        std::vector<int> pattern = options.blockPattern;
        if (pattern.empty())
            pattern.push_back (options.blockSize);
        for (int b : pattern)
            if (b < 1 || b > 1 << 20)
                throw InputError ("block size must be 1.." + std::to_string (1 << 20) + " samples");
        if (options.threads < 1 || options.threads > 64)
            throw InputError ("threads must be 1..64");
        const int maxBlock = *std::max_element (pattern.begin(), pattern.end());

        DiskStreamer streamer (std::max<std::int64_t> (65536, 2 * (std::int64_t) maxBlock));
        auto graph = compileGraph (plan, maxBlock, streamer, nullptr, false);
        WorkerPool pool (options.threads - 1);

        std::vector<Output> outputs;
        for (int s : graph->stems)
        {
            outputs.push_back ({ graph->nodes[(size_t) s].get(), graph->nodes[(size_t) s]->latency });
            const auto& id = graph->nodes[(size_t) s]->id;
            std::string name = id;
            for (const auto& b : plan.buses)
                if (b.id == id && ! b.name.empty())
                    name = b.name;
            names.push_back (name);
            channels.push_back (graph->nodes[(size_t) s]->channels);
        }
        outputs.push_back ({ graph->nodes[(size_t) graph->master].get(), graph->latency() });
        names.push_back ("printmaster");
        channels.push_back (graph->nodes[(size_t) graph->master]->channels);
        ready();

        const auto total = plan.length + graph->latency();
        const auto progressEvery = (std::int64_t) plan.sampleRate;
        std::int64_t nextProgress = progressEvery;
        size_t step = 0;
        for (std::int64_t frame = 0; frame < total;)
        {
            const int n = (int) std::min<std::int64_t> (pattern[step++ % pattern.size()], total - frame);
            streamer.prepareFor (frame, n, &pool);
            graph->processBlock (frame, n, &pool);
            for (size_t o = 0; o < outputs.size(); ++o)
            {
                // Timeline sample t comes out of this node at frame t + latency.
                const auto first = std::max<std::int64_t> (frame, outputs[o].latency);
                const auto last = std::min<std::int64_t> (frame + n, plan.length + outputs[o].latency);
                if (first < last)
                    sink (o, outputs[o].node->output(), (int) (first - frame), first - outputs[o].latency, (int) (last - first));
            }
            frame += n;
            if (frame >= nextProgress)
            {
                nextProgress += progressEvery;
                if (! progress.update ((double) frame / (double) total, "render"))
                    throw InputError ("render cancelled");
            }
        }
        progress.update (1.0, "render");
        return graph->latency();
    }
} // namespace

RenderedMix renderMix (const MixPlan& plan, const RenderOptions& options, Progress& progress)
{
    RenderedMix mix;
    std::vector<std::string> names;
    std::vector<int> channels;
    std::vector<audio::AudioBuffer*> targets;
    auto ready = [&]
    {
        const auto stems = names.size() - 1;
        mix.stemNames.assign (names.begin(), names.begin() + (long) stems);
        for (size_t s = 0; s < stems; ++s)
            mix.stems.emplace_back (channels[s], plan.length, plan.sampleRate);
        mix.printmaster = audio::AudioBuffer (channels.back(), plan.length, plan.sampleRate);
        for (auto& s : mix.stems)
            targets.push_back (&s);
        targets.push_back (&mix.printmaster);
    };
    auto sink = [&] (size_t o, const float* const* src, int offset, std::int64_t outFrame, int count)
    {
        auto& buffer = *targets[o];
        for (int c = 0; c < buffer.numChannels(); ++c)
            std::copy (src[c] + offset, src[c] + offset + count, buffer.channels[(size_t) c].begin() + outFrame);
    };
    mix.latency = renderBlocks (plan, options, progress, names, channels, ready, sink);
    return mix;
}

std::string safeFileName (const std::string& name)
{
    std::string out;
    for (char ch : name)
        out += (std::isalnum ((unsigned char) ch) || ch == '-' || ch == '_' || ch == '.') ? ch : '_';
    if (out.empty() || out[0] == '.')
        out = "_" + out;
    return out;
}

RenderReport renderToFolder (const MixPlan& plan, const std::filesystem::path& folder, const RenderOptions& options,
                             Progress& progress)
{
    const auto started = std::chrono::steady_clock::now();
    std::error_code ec;
    std::filesystem::create_directories (folder, ec);
    if (! std::filesystem::is_directory (folder))
        throwFileError (folder, "cannot create the output folder");

    RenderReport report;
    std::vector<std::string> names;
    std::vector<int> channels;
    std::vector<std::unique_ptr<audio::AudioFileWriter>> writers;
    std::vector<std::vector<float>> peaks;
    auto ready = [&]
    {
        for (size_t o = 0; o < names.size(); ++o)
        {
            const bool isMaster = o + 1 == names.size();
            RenderedFile f;
            f.role = isMaster ? "printmaster" : "stem";
            f.name = names[o];
            f.file = folder / (isMaster ? std::string ("printmaster.wav") : safeFileName (names[o]) + ".wav");
            for (const auto& other : report.files)
                if (other.file == f.file)
                    throw InputError ("two stems would both be written to " + f.file.string());
            f.channels = channels[o];
            f.frames = plan.length;
            report.files.push_back (f);
            audio::AudioWriteOptions w;
            w.sampleRate = plan.sampleRate;
            w.channels = channels[o];
            w.format = options.format;
            // Broadcast WAV: the files sit at the session's start timecode in an editor.
            audio::BextChunk bext;
            bext.originator = "LoopStage";
            bext.description = (isMaster ? std::string ("printmaster") : "stem " + names[o]);
            bext.timeReference = (std::uint64_t) std::max<std::int64_t> (0, plan.timeReference);
            w.bext = bext;
            writers.push_back (std::make_unique<audio::AudioFileWriter> (f.file, w));
            peaks.emplace_back ((size_t) channels[o], 0.0f);
        }
    };
    auto sink = [&] (size_t o, const float* const* src, int offset, std::int64_t, int count)
    {
        const float* shifted[maxChannels];
        for (int c = 0; c < channels[o]; ++c)
        {
            shifted[c] = src[c] + offset;
            for (int i = 0; i < count; ++i)
                peaks[o][(size_t) c] = std::max (peaks[o][(size_t) c], std::abs (shifted[c][i]));
        }
        writers[o]->write (shifted, count);
    };
    report.latency = renderBlocks (plan, options, progress, names, channels, ready, sink);
    for (auto& w : writers)
        w->commit();
    for (size_t o = 0; o < report.files.size(); ++o)
    {
        const float peak = *std::max_element (peaks[o].begin(), peaks[o].end());
        if (peak > 0.0f)
            report.files[o].peakDbfs = 20.0 * std::log10 ((double) peak);
    }
    report.seconds = std::chrono::duration<double> (std::chrono::steady_clock::now() - started).count();
    return report;
}
} // namespace loopstage::engine
