#include "Engine/OfflineRenderer.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Dsp/Decibels.h"
#include "Engine/GraphCompiler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <atomic>
#include <exception>
#include <functional>

namespace loopstage::engine
{
namespace
{
    /** Samples each output file gathers before it is encoded and written: few, large writes. */
    constexpr std::int64_t fileChunk = 131072;

    /** One delivered signal: where it is in the graph and how late it comes out. */
    struct Output
    {
        const StripNode* node = nullptr;
        int latency = 0;
    };

    /** Where the rendered outputs go: memory, or files. */
    class Sink
    {
    public:
        virtual ~Sink() = default;
        /** The outputs are known (stems in plan order, then the printmaster). */
        virtual void begin (const std::vector<std::string>& names, const std::vector<int>& channels, int maxBlock, std::int64_t chunk) = 0;
        /** Output `output`'s aligned samples for [outFrame, outFrame + count), from channels[c] + offset. */
        virtual void take (size_t output, const float* const* channels, int offset, std::int64_t outFrame, int count) = 0;
        /** Work due now that may run on any thread, in parallel, each task touching one output
            only (files: a full chunk to encode and write). */
        virtual void pendingWork (std::vector<std::function<void()>>&) {}
        /** The last of it, once every block is rendered (files: write the rest and close). */
        virtual void closingWork (std::vector<std::function<void()>>&) {}
    };

    /** Runs independent tasks on the calling thread and the pool's workers. */
    struct TaskJob final : ParallelJob
    {
        const std::vector<std::function<void()>>& tasks;
        std::atomic<size_t> next { 0 }, done { 0 };
        std::exception_ptr error;
        std::atomic<bool> failed { false };

        explicit TaskJob (const std::vector<std::function<void()>>& t) : tasks (t) {}
        bool runOne() noexcept override
        {
            const auto i = next.fetch_add (1);
            if (i >= tasks.size())
                return false;
            try
            {
                tasks[i]();
            }
            catch (...)
            {
                if (! failed.exchange (true))
                    error = std::current_exception();
            }
            done.fetch_add (1);
            return true;
        }
        bool finished() const noexcept override { return done.load() >= tasks.size(); }
    };

    /** Runs the graph over the whole plan and hands every output's aligned samples to `sink`. */
    int renderBlocks (const MixPlan& plan, const RenderOptions& options, Progress& progress, Sink& sink)
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

        // Tracks decode straight into the graph (direct streams), in parallel on the pool.
        auto streamer = DiskStreamer::direct();
        auto graph = compileGraph (plan, maxBlock, *streamer, nullptr, false);
        WorkerPool pool (options.threads - 1, {}, WorkerPool::Waiting::sleep);
        auto runTasks = [&pool] (const std::vector<std::function<void()>>& tasks)
        {
            if (tasks.empty())
                return;
            TaskJob job (tasks);
            pool.run (job);
            if (job.error)
                std::rethrow_exception (job.error);
        };

        std::vector<Output> outputs;
        std::vector<std::string> names;
        std::vector<int> channels;
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
        sink.begin (names, channels, maxBlock, std::max<std::int64_t> (fileChunk, 2 * (std::int64_t) maxBlock));

        const auto total = plan.length + graph->latency();
        const auto progressEvery = (std::int64_t) plan.sampleRate;
        std::int64_t nextProgress = progressEvery;
        size_t step = 0;
        std::vector<std::function<void()>> tasks;
        for (std::int64_t frame = 0; frame < total;)
        {
            const int n = (int) std::min<std::int64_t> (pattern[step++ % pattern.size()], total - frame);
            tasks.clear();
            sink.pendingWork (tasks);
            runTasks (tasks);
            streamer->prepareForBlock();
            graph->processBlock (frame, n, &pool);
            streamer->rethrowReadError();
            for (size_t o = 0; o < outputs.size(); ++o)
            {
                // Timeline sample t comes out of this node at frame t + latency.
                const auto first = std::max<std::int64_t> (frame, outputs[o].latency);
                const auto last = std::min<std::int64_t> (frame + n, plan.length + outputs[o].latency);
                if (first < last)
                    sink.take (o, outputs[o].node->output(), (int) (first - frame), first - outputs[o].latency, (int) (last - first));
            }
            frame += n;
            if (frame >= nextProgress)
            {
                nextProgress += progressEvery;
                if (! progress.update ((double) frame / (double) total, "render"))
                    throw InputError ("render cancelled");
            }
        }
        tasks.clear();
        sink.closingWork (tasks);
        runTasks (tasks);
        progress.update (1.0, "render");
        return graph->latency();
    }

    class MemorySink final : public Sink
    {
    public:
        MemorySink (RenderedMix& m, const MixPlan& p) : mix (m), plan (p) {}

        void begin (const std::vector<std::string>& names, const std::vector<int>& channels, int, std::int64_t) override
        {
            const auto stems = names.size() - 1;
            mix.stemNames.assign (names.begin(), names.begin() + (long) stems);
            for (size_t s = 0; s < stems; ++s)
                mix.stems.emplace_back (channels[s], plan.length, plan.sampleRate);
            mix.printmaster = audio::AudioBuffer (channels.back(), plan.length, plan.sampleRate);
            for (auto& s : mix.stems)
                targets.push_back (&s);
            targets.push_back (&mix.printmaster);
        }

        void take (size_t o, const float* const* src, int offset, std::int64_t outFrame, int count) override
        {
            auto& buffer = *targets[o];
            for (int c = 0; c < buffer.numChannels(); ++c)
                std::copy (src[c] + offset, src[c] + offset + count, buffer.channels[(size_t) c].begin() + outFrame);
        }

    private:
        RenderedMix& mix;
        const MixPlan& plan;
        std::vector<audio::AudioBuffer*> targets;
    };
} // namespace

RenderedMix renderMix (const MixPlan& plan, const RenderOptions& options, Progress& progress)
{
    RenderedMix mix;
    MemorySink sink (mix, plan);
    mix.latency = renderBlocks (plan, options, progress, sink);
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

namespace
{
    /** Writes each output to its file. Samples gather in a chunk per output that is encoded
        and written once full, one task per file, so with several threads the files are written
        in parallel. */
    class FolderSink final : public Sink
    {
    public:
        FolderSink (const MixPlan& p, const std::filesystem::path& f, const RenderOptions& o, RenderReport& r)
            : plan (p), folder (f), options (o), report (r) {}

        void begin (const std::vector<std::string>& names, const std::vector<int>& channels, int maxBlock, std::int64_t chunk) override
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
                File file;
                file.writer = std::make_unique<audio::AudioFileWriter> (f.file, w);
                file.peaks.assign ((size_t) channels[o], 0.0f);
                file.chunk.allocate (channels[o], (int) (chunk + 2 * (std::int64_t) maxBlock));
                file.capacity = chunk + 2 * (std::int64_t) maxBlock;
                file.chunkFrames = chunk;
                files.push_back (std::move (file));
            }
        }

        void take (size_t o, const float* const* src, int offset, std::int64_t, int count) override
        {
            auto& file = files[o];
            if (file.pending + count > file.capacity)
                flush (file);   // pendingWork() normally empties it first
            for (int c = 0; c < file.chunk.numChannels; ++c)
                std::copy (src[c] + offset, src[c] + offset + count, file.chunk.channels[c] + file.pending);
            file.pending += count;
        }

        void pendingWork (std::vector<std::function<void()>>& tasks) override
        {
            for (auto& file : files)
                if (file.pending >= file.chunkFrames)
                    tasks.push_back ([&file] { flush (file); });
        }

        void closingWork (std::vector<std::function<void()>>& tasks) override
        {
            // Each file's flush and fsync in parallel with the others'.
            for (auto& file : files)
                tasks.push_back ([&file]
                {
                    flush (file);
                    file.writer->commit();
                });
        }

        void finish()
        {
            for (size_t o = 0; o < report.files.size(); ++o)
            {
                const float peak = *std::max_element (files[o].peaks.begin(), files[o].peaks.end());
                if (peak > 0.0f)
                    report.files[o].peakDbfs = dsp::gainToDb ((double) peak);
            }
        }

    private:
        struct File
        {
            std::unique_ptr<audio::AudioFileWriter> writer;
            std::vector<float> peaks;
            ChannelBuffer chunk;
            std::int64_t capacity = 0, pending = 0, chunkFrames = 0;
        };
        const MixPlan& plan;
        std::filesystem::path folder;
        const RenderOptions& options;
        RenderReport& report;
        std::vector<File> files;

        /** Encodes and writes a file's pending samples. Touches that file only. */
        static void flush (File& file)
        {
            const auto n = file.pending;
            if (n == 0)
                return;
            for (int c = 0; c < file.chunk.numChannels; ++c)
            {
                // Eight running maxima side by side: a form the compiler vectorises (one max
                // chain would be a serial reduction it may not reorder).
                float lanes[8];
                std::fill (lanes, lanes + 8, file.peaks[(size_t) c]);
                const float* x = file.chunk.channels[c];
                std::int64_t i = 0;
                for (; i + 8 <= n; i += 8)
                    for (int k = 0; k < 8; ++k)
                    {
                        const float v = std::fabs (x[i + k]);
                        lanes[k] = lanes[k] > v ? lanes[k] : v;
                    }
                for (; i < n; ++i)
                    lanes[0] = std::max (lanes[0], std::fabs (x[i]));
                file.peaks[(size_t) c] = *std::max_element (lanes, lanes + 8);
            }
            file.writer->write (file.chunk.channels, n);
            file.pending = 0;
        }
    };
} // namespace

RenderReport renderToFolder (const MixPlan& plan, const std::filesystem::path& folder, const RenderOptions& options,
                             Progress& progress)
{
    const auto started = std::chrono::steady_clock::now();
    std::error_code ec;
    std::filesystem::create_directories (folder, ec);
    if (! std::filesystem::is_directory (folder))
        throwFileError (folder, "cannot create the output folder");

    RenderReport report;
    FolderSink sink (plan, folder, options, report);
    report.latency = renderBlocks (plan, options, progress, sink);
    sink.finish();
    report.seconds = std::chrono::duration<double> (std::chrono::steady_clock::now() - started).count();
    return report;
}
} // namespace loopstage::engine
