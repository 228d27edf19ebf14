#include "Align/RubberBandWarp.h"
#include "Align/ChannelSpans.h"
#include "Align/Resample.h"
#include "Align/WarpPiece.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#ifdef __linux__
#include <sched.h>
#endif

// Why pieces, not one keyed stretch: Rubber Band 3.1.2's key-frame map misplaces words by
// 20-60 ms (R3) or drifts 4-26 ms late (R2) on a re-performed line, while a constant-ratio
// offline R3 stretch is sample-exact at both ends. So the take is cut where its words start and
// stop, each cut lands where the map says, and each piece gets one ratio: pauses absorb the
// drift, words keep their shape and only take the guide's pace. A long phrase without a pause is
// cut again wherever the map bends more than `tolerance`. Neighbours are joined by a short
// linear crossfade of the same material, in the pauses wherever there is one.

namespace loopstage::align
{
namespace
{
    struct Point
    {
        double in;    // take frames, from the span's start, at the guide's rate
        double out;   // guide frames
    };

    /** Level (dB) of the take around each input frame, in 5 ms windows: where it pauses. */
    struct Loudness
    {
        std::vector<float> db;
        std::int64_t window = 480;
        float at (double frame) const
        {
            if (db.empty())
                return 0.0f;
            const auto i = std::clamp<std::int64_t> ((std::int64_t) frame / window, 0, (std::int64_t) db.size() - 1);
            return db[(size_t) i];
        }
    };

    /** The input's loudness, read block by block (a whole number of windows at a time). */
    Loudness measure (ChannelSpans& input, std::int64_t frames, int rate)
    {
        Loudness l;
        l.window = std::max (1, rate / 200);
        const std::int64_t blockFrames = l.window * 200;
        std::vector<std::vector<float>> block;
        for (std::int64_t blockStart = 0; blockStart < frames; blockStart += blockFrames)
        {
            const auto blockEnd = std::min (frames, blockStart + blockFrames);
            input.read (blockStart, blockEnd - blockStart, block);
            for (std::int64_t start = blockStart; start < blockEnd; start += l.window)
            {
                const auto end = std::min (blockEnd, start + l.window);
                double sum = 1e-12;
                for (const auto& ch : block)
                    for (auto i = start; i < end; ++i)
                        sum += (double) ch[(size_t) (i - blockStart)] * ch[(size_t) (i - blockStart)];
                l.db.push_back ((float) dsp::powerToDb (sum / (double) (end - start)));
            }
        }
        return l;
    }

    /** Input frames where the take goes from pause to speech or back, a little into the pause. */
    std::vector<double> pauseEdges (const Loudness& l)
    {
        std::vector<double> edges;
        if (l.db.empty())
            return edges;
        auto sorted = l.db;
        std::sort (sorted.begin(), sorted.end());
        const float floor = sorted[sorted.size() / 10], loud = sorted[sorted.size() * 99 / 100];
        const float threshold = std::max (floor + 10.0f, loud - 40.0f);
        const auto w = (double) l.window;
        bool speech = l.db[0] > threshold;
        for (size_t i = 1; i < l.db.size(); ++i)
        {
            const bool now = l.db[i] > threshold;
            if (now != speech)
                edges.push_back (now ? ((double) i - 1.0) * w : ((double) i + 1.0) * w);
            speech = now;
        }
        return edges;
    }

    /** Splits [first, last] until every piece's points lie within `tolerance` output frames of
        its chord; the cut goes to the quietest of the points that stray at least half as far. */
    void split (const std::vector<Point>& p, size_t first, size_t last, double tolerance, double minFrames,
                const Loudness& loudness, std::vector<size_t>& cuts)
    {
        const double ratio = (p[last].out - p[first].out) / (p[last].in - p[first].in);
        auto deviation = [&] (size_t k) { return std::abs (p[k].out - (p[first].out + (p[k].in - p[first].in) * ratio)); };
        double worst = 0.0;
        for (size_t k = first + 1; k < last; ++k)
            worst = std::max (worst, deviation (k));
        if (worst <= tolerance)
            return;
        size_t cut = 0;
        float quietest = 1e9f;
        for (size_t k = first + 1; k < last; ++k)
        {
            const bool roomy = p[k].out - p[first].out >= minFrames && p[last].out - p[k].out >= minFrames
                               && p[k].in - p[first].in >= minFrames && p[last].in - p[k].in >= minFrames;
            if (roomy && deviation (k) >= 0.5 * worst && loudness.at (p[k].in) < quietest)
            {
                quietest = loudness.at (p[k].in);
                cut = k;
            }
        }
        if (cut == 0)
            return;
        split (p, first, cut, tolerance, minFrames, loudness, cuts);
        cuts.push_back (cut);
        split (p, cut, last, tolerance, minFrames, loudness, cuts);
    }

    /** The worker threads to use: `requested`, else one per core this process may run on. */
    int workerCount (int requested)
    {
        if (requested > 0)
            return requested;
#ifdef __linux__
        cpu_set_t set;
        if (sched_getaffinity (0, sizeof (set), &set) == 0)
            return std::max (1, CPU_COUNT (&set));
#endif
        return std::max (1, (int) std::thread::hardware_concurrency());
    }

    /** Runs job(0..count-1) on up to `threads` threads (this one included); rethrows the first
        exception a job threw. */
    void parallelFor (size_t count, int threads, const std::function<void (size_t)>& job)
    {
        std::atomic<size_t> next { 0 };
        std::exception_ptr failure;
        std::mutex failureLock;
        auto work = [&]
        {
            for (size_t j = next++; j < count; j = next++)
            {
                try
                {
                    job (j);
                }
                catch (...)
                {
                    const std::scoped_lock lock (failureLock);
                    if (! failure)
                        failure = std::current_exception();
                    next = count;
                }
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads && (size_t) t < count; ++t)
            pool.emplace_back (work);
        work();
        for (auto& t : pool)
            t.join();
        if (failure)
            std::rethrow_exception (failure);
    }
} // namespace

void renderWarped (const std::filesystem::path& take, const AlignmentResult& alignment, std::int64_t outFrames,
                   int rate, audio::AudioFileWriter& writer, Progress& progress, int threads)
{
    const int takeRate = (int) audio::probeAudio (take).sampleRate;
    const double guideLength = (double) outFrames / rate;
    const double takeStart = takeTimeAt (alignment, 0.0);
    const double takeEnd = takeTimeAt (alignment, guideLength);
    const auto inFrames = std::max<std::int64_t> (1, std::llround ((takeEnd - takeStart) * rate));

    // The stretch input: the span of the take the map uses, at the guide's rate, read from the
    // file piece by piece.
    const Resampler toGuide (takeRate, rate, takeStart * takeRate);
    ChannelSpans input (take, toGuide, inFrames);
    const int channels = input.channels();

    std::vector<Point> points { { 0.0, 0.0 } };
    for (const auto& w : alignment.warp)
    {
        const Point p { (w.takeSeconds - takeStart) * rate, w.guideSeconds * rate };
        if (p.in > points.back().in + 1.0 && p.out > points.back().out + 1.0 && p.in < (double) inFrames - 1.0
            && p.out < (double) outFrames - 1.0)
            points.push_back (p);
    }
    points.push_back ({ (double) inFrames, (double) outFrames });

    const double tolerance = 0.008 * rate;       // inside a phrase; above the map's 5 ms grain (TimeWarp.cpp)
    const std::int64_t fade = rate / 200;        // 5 ms each side of a join
    const double minPiece = 4.0 * (double) fade;
    const auto loudness = measure (input, inFrames, rate);

    // The pause edges join the map as points of their own (the map read there), and as cuts.
    auto outAt = [&] (double in)
    {
        auto after = std::upper_bound (points.begin(), points.end(), in, [] (double v, const Point& p) { return v < p.in; });
        if (after == points.begin() || after == points.end())
            return after == points.begin() ? points.front().out : points.back().out;
        const auto& b = *after;
        const auto& a = *(after - 1);
        return a.out + (in - a.in) * (b.out - a.out) / (b.in - a.in);
    };
    std::vector<Point> withEdges;
    std::vector<bool> isEdge;
    {
        std::vector<Point> edges;
        for (const double in : pauseEdges (loudness))
        {
            const Point p { in, outAt (in) };
            const bool clear = edges.empty() || (p.in - edges.back().in >= minPiece && p.out - edges.back().out >= minPiece);
            if (clear && p.in >= minPiece && p.out >= minPiece && (double) inFrames - p.in >= minPiece
                && (double) outFrames - p.out >= minPiece)
                edges.push_back (p);
        }
        // A map point too close to an edge gives way to it: the edge is read off the map anyway.
        auto nearEdge = [&] (const Point& p)
        {
            auto it = std::lower_bound (edges.begin(), edges.end(), p.in, [] (const Point& e, double v) { return e.in < v; });
            auto near = [&] (const Point& e) { return std::abs (e.in - p.in) < minPiece || std::abs (e.out - p.out) < minPiece; };
            return (it != edges.end() && near (*it)) || (it != edges.begin() && near (*(it - 1)));
        };
        size_t e = 0;
        for (size_t k = 0; k < points.size(); ++k)
        {
            const bool end = k == 0 || k + 1 == points.size();
            for (; e < edges.size() && edges[e].in < points[k].in; ++e)
            {
                withEdges.push_back (edges[e]);
                isEdge.push_back (true);
            }
            if (end || ! nearEdge (points[k]))
            {
                withEdges.push_back (points[k]);
                isEdge.push_back (end);
            }
        }
    }
    points = std::move (withEdges);

    std::vector<size_t> cuts { 0 };
    for (size_t k = 1; k < points.size(); ++k)
    {
        if (! isEdge[k])
            continue;
        split (points, cuts.back(), k, tolerance, minPiece, loudness, cuts);
        cuts.push_back (k);
    }

    // Each join's crossfade (output frames, each side) is short enough that neither neighbour
    // reaches more than `fade` input frames past its cut: a squeezed pause must not pull the
    // next word's start into the fade.
    std::vector<double> ratios, joinFade (cuts.size(), 0.0);
    for (size_t piece = 0; piece + 1 < cuts.size(); ++piece)
    {
        const auto& a = points[cuts[piece]];
        const auto& b = points[cuts[piece + 1]];
        ratios.push_back ((b.out - a.out) / (b.in - a.in));
    }
    for (size_t j = 1; j + 1 < cuts.size(); ++j)
        joinFade[j] = std::max (16.0, (double) fade * std::min ({ 1.0, ratios[j - 1], ratios[j] }));

    // The output is summed in a window that starts where no later piece can still add (the
    // next piece's fade-in) and is written out from there: memory is about one piece.
    std::vector<std::vector<float>> pending ((size_t) channels);
    std::int64_t written = 0;
    auto flush = [&] (std::int64_t upTo)
    {
        upTo = std::clamp (upTo, written, outFrames);
        if (upTo == written)
            return;
        const auto count = upTo - written;
        std::vector<const float*> pointers;
        for (auto& ch : pending)
        {
            if ((std::int64_t) ch.size() < count)
                ch.resize ((size_t) count, 0.0f);
            pointers.push_back (ch.data());
        }
        writer.write (pointers.data(), count);
        for (auto& ch : pending)
            ch.erase (ch.begin(), ch.begin() + count);
        written = upTo;
    };
    std::vector<WarpPiece> pieces;
    std::vector<PieceMethod> methods;
    for (size_t piece = 0; piece + 1 < cuts.size(); ++piece)
    {
        const auto& a = points[cuts[piece]];
        const auto& b = points[cuts[piece + 1]];
        WarpPiece next { a.in, b.in, a.out, b.out, joinFade[piece], joinFade[piece + 1] };
        const auto method = chooseMethod (next, rate);
        // Copies that move the input by the same whole number of samples meet without a
        // crossfade (a sample crossfaded with itself is not always bit-exact in float): each
        // takes its side of the join. Not merged: a piece's span is held whole.
        auto shift = [] (double out, double in) { return std::llround (out - in); };
        if (! pieces.empty() && methods.back() == PieceMethod::copy && method == PieceMethod::copy
            && shift (pieces.back().outEnd, pieces.back().inEnd) == shift (next.outStart, next.inStart)
            && shift (pieces.back().outStart, pieces.back().inStart) == shift (next.outStart, next.inStart))
        {
            pieces.back().fadeOut = 0.0;
            next.fadeIn = 0.0;
        }
        pieces.push_back (next);
        methods.push_back (method);
    }

    // Pieces go out in batches: the spans are read here (one reader), every (piece, channel)
    // is made on its own by any thread, and the batch is summed in order. Nothing depends on
    // which thread made what, so the output is the same for any thread count.
    const int workers = workerCount (threads);
    const auto batchJobs = (size_t) (4 * workers);
    const std::int64_t batchFrames = (std::int64_t) workers * 20 * rate;   // input frames x channels
    struct Batched
    {
        PieceMethod method;
        std::int64_t first = 0;
        std::vector<std::vector<float>> input;
        std::vector<PieceOutput> output;
    };
    std::vector<Batched> batch;
    for (size_t next = 0; next < pieces.size();)
    {
        batch.clear();
        std::int64_t frames = 0;
        while (next < pieces.size() && (batch.empty() || (batch.size() * (size_t) channels < batchJobs && frames < batchFrames)))
        {
            const auto& p = pieces[next];
            Batched b;
            b.method = methods[next++];
            const auto [first, end] = pieceInput (p, b.method, inFrames);
            b.first = first;
            input.read (first, end - first, b.input);
            b.output.resize ((size_t) channels);
            frames += (end - first) * channels;
            batch.push_back (std::move (b));
        }
        const size_t firstPiece = next - batch.size();
        std::vector<std::pair<size_t, int>> jobs;   // (index in batch, channel), longest first
        for (size_t k = 0; k < batch.size(); ++k)
            for (int c = 0; c < channels; ++c)
                jobs.emplace_back (k, c);
        std::stable_sort (jobs.begin(), jobs.end(), [&] (const auto& x, const auto& y)
                          { return batch[x.first].input[0].size() > batch[y.first].input[0].size(); });
        parallelFor (jobs.size(), workers, [&] (size_t j)
        {
            auto& b = batch[jobs[j].first];
            const auto& in = b.input[(size_t) jobs[j].second];
            b.output[(size_t) jobs[j].second] = makePiece (pieces[firstPiece + jobs[j].first], b.method, in.data(), b.first,
                                                           (std::int64_t) in.size(), rate);
        });

        for (size_t k = 0; k < batch.size(); ++k)
        {
            const auto& p = pieces[firstPiece + k];
            flush ((std::int64_t) std::floor (p.outStart - p.fadeIn));
            for (int c = 0; c < channels; ++c)
            {
                const auto& made = batch[k].output[(size_t) c];
                const auto length = (std::int64_t) made.samples.size();
                const auto begin = std::max<std::int64_t> (written, made.placed);
                const auto end = std::min<std::int64_t> (outFrames, made.placed + length);
                auto& out = pending[(size_t) c];
                if (end > written && (std::int64_t) out.size() < end - written)
                    out.resize ((size_t) (end - written), 0.0f);
                for (auto t = begin; t < end; ++t)
                {
                    const auto g = (float) pieceWeight (p, (double) t);
                    if (g > 0.0f)
                        out[(size_t) (t - written)] += g * made.samples[(size_t) (t - made.placed)];
                }
            }
            progress.update ((double) (firstPiece + k + 1) / (double) pieces.size(), "warp");
        }
    }
    flush (outFrames);
}
} // namespace loopstage::align
