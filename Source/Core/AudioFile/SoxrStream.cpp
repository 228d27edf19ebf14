#include "AudioFile/SoxrStream.h"
#include "Base/Error.h"

#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>

namespace loopstage::audio
{
namespace
{
    // Input fed before the start, so the first output samples see the take as it is there and
    // not soxr's silence: far beyond SOXR_HQ's filter at any ratio canPlace() accepts (the
    // tests check the first samples against the ideal).
    constexpr std::int64_t lead = 16384;
    constexpr std::int64_t blockFrames = 65536;
    // 0.5 / down output samples of rounding at most: 0.005 of a sample from down = 100 on.
    constexpr int finestDown = 100;

    std::int64_t floorMod (std::int64_t a, std::int64_t m) { return ((a % m) + m) % m; }

    // x with (x * a) % m == 1, for coprime a and m.
    std::int64_t inverseMod (std::int64_t a, std::int64_t m)
    {
        std::int64_t r0 = m, r1 = floorMod (a, m), t0 = 0, t1 = 1;
        while (r1 != 0)
        {
            const auto q = r0 / r1;
            std::tie (r0, r1) = std::pair { r1, r0 - q * r1 };
            std::tie (t0, t1) = std::pair { t1, t0 - q * t1 };
        }
        return floorMod (t0, m);
    }

    struct Ratio
    {
        std::int64_t up = 1, down = 1;
    };

    Ratio ratioOf (int inRate, int outRate)
    {
        if (inRate <= 0 || outRate <= 0)
            throw InputError ("sample rate must be positive");
        const int g = std::gcd (inRate, outRate);
        return { outRate / g, inRate / g };
    }
} // namespace

struct SoxrStream::State
{
    soxr_t soxr = nullptr;
    Input input;
    std::int64_t inputFrames = 0, outputEnd = 0;
    std::int64_t nextInput = 0;     // the next input frame to feed (negative: silence before the take)
    std::int64_t toDrop = 0;        // output samples before output sample 0
    std::int64_t produced = 0;      // output samples handed out by read()
    bool flushed = false, ended = false;
    double outPerIn = 1.0;
    std::vector<std::vector<float>> inPlanes, outPlanes, pending;

    ~State()
    {
        if (soxr != nullptr)
            soxr_delete (soxr);
    }

    std::int64_t taken = 0;         // samples of `pending` already handed out

    std::int64_t available() const { return pending.empty() ? 0 : (std::int64_t) pending[0].size() - taken; }

    // Drops what read() has handed out, once that is most of `pending`: one move per block
    // instead of one per read (the engine reads a few thousand samples at a time).
    void compact()
    {
        if (taken == 0 || taken * 2 < (std::int64_t) pending[0].size())
            return;
        for (auto& p : pending)
            p.erase (p.begin(), p.begin() + (std::ptrdiff_t) taken);
        taken = 0;
    }

    // Runs soxr over `frames` of inPlanes (nullptr input: the flush) and queues what it gives.
    void run (std::int64_t frames, bool flush)
    {
        const auto room = (size_t) std::ceil ((double) std::max<std::int64_t> (frames, blockFrames) * outPerIn) + 64;
        for (auto& p : outPlanes)
            p.resize (room);
        std::vector<const float*> in (inPlanes.size());
        std::vector<float*> out (outPlanes.size());
        for (size_t c = 0; c < out.size(); ++c)
            out[c] = outPlanes[c].data();
        std::int64_t fed = 0;
        for (;;)
        {
            for (size_t c = 0; c < in.size(); ++c)
                in[c] = inPlanes[c].data() + fed;
            size_t used = 0, made = 0;
            const auto error = flush ? soxr_process (soxr, nullptr, 0, nullptr, out.data(), room, &made)
                                     : soxr_process (soxr, in.data(), (size_t) (frames - fed), &used, out.data(), room, &made);
            if (error != nullptr)
                throw InputError (std::string ("resampling failed: ") + error);
            fed += (std::int64_t) used;
            const auto drop = (size_t) std::min<std::int64_t> (toDrop, (std::int64_t) made);
            toDrop -= (std::int64_t) drop;
            for (size_t c = 0; c < pending.size(); ++c)
                pending[c].insert (pending[c].end(), outPlanes[c].begin() + (std::ptrdiff_t) drop,
                                   outPlanes[c].begin() + (std::ptrdiff_t) made);
            if (flush ? made == 0 : (fed >= frames && made < room))
            {
                ended = ended || flush;
                return;
            }
        }
    }
};

bool SoxrStream::canPlace (int inRate, int outRate) noexcept
{
    if (inRate <= 0 || outRate <= 0 || inRate == outRate)
        return false;
    return inRate / std::gcd (inRate, outRate) >= finestDown;
}

SoxrStream::SoxrStream (int inRate, int outRate, double inputStart, int channels, std::int64_t inputFrames,
                        std::int64_t outputEnd, Input input, Quality recipe)
    : state (std::make_unique<State>()), numChannels (channels)
{
    const auto [up, down] = ratioOf (inRate, outRate);
    // Output sample 0 at input time n / up: a + b * down / up with a input samples dropped (a
    // below 0: padded) and b output samples dropped; a a whole `lead` before the start.
    const auto n = (std::int64_t) std::llround (inputStart * (double) up);
    start = (double) n / (double) up;
    const auto residue = floorMod (floorMod (n, down) * inverseMod (up, down), down);   // a = residue (mod down)
    const auto before = (std::int64_t) std::floor (start) - lead;
    const auto a = before - floorMod (before - residue, down);
    state->toDrop = (n - a * up) / down;
    state->nextInput = a;
    state->input = std::move (input);
    state->inputFrames = inputFrames;
    state->outputEnd = outputEnd;
    state->outPerIn = (double) up / (double) down;
    state->inPlanes.resize ((size_t) channels);
    state->outPlanes.resize ((size_t) channels);
    state->pending.resize ((size_t) channels);

    const auto io = soxr_io_spec (SOXR_FLOAT32_S, SOXR_FLOAT32_S);
    const auto quality = soxr_quality_spec (recipe == Quality::veryHigh ? SOXR_VHQ : SOXR_HQ, 0);
    const auto runtime = soxr_runtime_spec (1);
    soxr_error_t error = nullptr;
    state->soxr = soxr_create (inRate, outRate, (unsigned) channels, &error, &io, &quality, &runtime);
    if (error != nullptr || state->soxr == nullptr)
        throw InputError (std::string ("cannot resample: ") + (error != nullptr ? error : "soxr_create failed"));
}

SoxrStream::SoxrStream (const std::filesystem::path& take, int outRate, double inputStart, std::int64_t outputEnd)
    : file (std::make_unique<AudioFileReader> (take))
{
    const auto& info = file->info();
    auto* reader = file.get();
    auto input = [reader] (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& planes)
    {
        auto span = reader->readRange (first, count);
        for (size_t c = 0; c < planes.size(); ++c)
        {
            planes[c] = std::move (span.channels[c]);
            planes[c].resize ((size_t) count, 0.0f);
        }
    };
    auto inner = SoxrStream ((int) info.sampleRate, outRate, inputStart, info.channels, info.frames, outputEnd, input);
    state = std::move (inner.state);
    numChannels = inner.numChannels;
    start = inner.start;
}

SoxrStream::~SoxrStream() = default;

void SoxrStream::pump()
{
    auto& s = *state;
    if (s.nextInput >= s.inputFrames)
    {
        s.run (0, true);
        return;
    }
    const auto count = std::min (blockFrames, s.inputFrames - s.nextInput);
    if (s.nextInput < 0)
    {
        // Silence before the take, then (in a later block) the take itself.
        const auto silence = std::min (count, -s.nextInput);
        for (auto& p : s.inPlanes)
            p.assign ((size_t) silence, 0.0f);
        s.nextInput += silence;
        s.run (silence, false);
        return;
    }
    s.input (s.nextInput, count, s.inPlanes);
    s.nextInput += count;
    s.run (count, false);
}

void SoxrStream::read (std::int64_t count, std::vector<std::vector<float>>& out)
{
    out.resize ((size_t) numChannels);
    std::vector<float*> pointers;
    for (auto& ch : out)
    {
        ch.resize ((size_t) std::max<std::int64_t> (0, count));
        pointers.push_back (ch.data());
    }
    read (count, pointers.data());
}

void SoxrStream::read (std::int64_t count, float* const* out)
{
    auto& s = *state;
    count = std::max<std::int64_t> (0, count);
    const auto wanted = std::clamp<std::int64_t> (s.outputEnd - s.produced, 0, count);
    while (s.available() < wanted && ! s.ended)
    {
        s.compact();
        pump();
    }
    const auto got = std::min<std::int64_t> (wanted, s.available());
    for (int c = 0; c < numChannels; ++c)
    {
        const auto from = s.pending[(size_t) c].begin() + (std::ptrdiff_t) s.taken;
        std::copy_n (from, got, out[c]);
        std::fill (out[c] + got, out[c] + count, 0.0f);
    }
    s.taken += got;
    s.produced += count;
}
} // namespace loopstage::audio
