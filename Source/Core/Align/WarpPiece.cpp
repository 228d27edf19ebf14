#include "Align/WarpPiece.h"

#include <rubberband/RubberBandStretcher.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace loopstage::align
{
namespace
{
    constexpr std::int64_t stretchMargin = 64;   // input frames stretched beyond each fade
    constexpr std::int64_t minStretchInput = 2048, minStretchOutput = 1024;
    constexpr double minStretchRatio = 0.1;

    /** Output frames [first, end) the copy and the splice cover: the piece and its fades. A join
        without a fade is split at the frame after it: each side takes its own frames. */
    std::pair<std::int64_t, std::int64_t> outputSpan (const WarpPiece& p)
    {
        return { p.fadeIn > 0.0 ? (std::int64_t) std::floor (p.outStart - p.fadeIn) : (std::int64_t) std::ceil (p.outStart),
                 p.fadeOut > 0.0 ? (std::int64_t) std::ceil (p.outEnd + p.fadeOut) + 1 : (std::int64_t) std::ceil (p.outEnd) };
    }

    /** Output = input + shift at the piece's start (`first`) and end (`second`). */
    std::pair<std::int64_t, std::int64_t> shifts (const WarpPiece& p)
    {
        return { std::llround (p.outStart - p.inStart), std::llround (p.outEnd - p.inEnd) };
    }

    /** The input frames a stretch reads: a little beyond each fade, so the fades have material. */
    std::pair<std::int64_t, std::int64_t> stretchSpan (const WarpPiece& p)
    {
        const double ratio = p.ratio();
        const auto first = (std::int64_t) std::floor (p.inStart - p.fadeIn / ratio - (double) stretchMargin);
        const auto end = (std::int64_t) std::ceil (p.inEnd + p.fadeOut / ratio + (double) stretchMargin);
        return { first, end };
    }

    int engineOptions()
    {
        using RB = RubberBand::RubberBandStretcher;
        int options = RB::OptionProcessOffline | RB::OptionThreadingNever | RB::OptionFormantPreserved
                      | RB::OptionPitchHighQuality;
        const char* engine = std::getenv ("LOOPSTAGE_WARP_ENGINE");   // measuring only (see ALIGNMENT.md)
        if (engine != nullptr && std::strcmp (engine, "r2") == 0)
            return options | RB::OptionEngineFaster;
        if (engine != nullptr && std::strcmp (engine, "r3") == 0)
            return options | RB::OptionEngineFiner;
        return options | RB::OptionEngineFiner | RB::OptionWindowShort;
    }

    std::vector<float> stretch (const float* input, std::int64_t frames, double ratio, int rate)
    {
        using RubberBand::RubberBandStretcher;
        RubberBandStretcher stretcher ((size_t) rate, 1, engineOptions());
        stretcher.setTimeRatio (ratio);
        stretcher.setExpectedInputDuration ((size_t) frames);
        const std::int64_t block = 8192;
        for (std::int64_t pos = 0; pos < frames; pos += block)
        {
            const float* in = input + pos;
            stretcher.study (&in, (size_t) std::min (block, frames - pos), pos + block >= frames);
        }
        std::vector<float> out;
        out.reserve ((size_t) std::ceil ((double) frames * ratio) + 16);
        auto drain = [&]
        {
            for (int available = stretcher.available(); available > 0; available = stretcher.available())
            {
                const auto have = out.size();
                out.resize (have + (size_t) available);
                float* dest = out.data() + have;
                stretcher.retrieve (&dest, (size_t) available);
            }
        };
        for (std::int64_t pos = 0; pos < frames; pos += block)
        {
            const float* in = input + pos;
            stretcher.process (&in, (size_t) std::min (block, frames - pos), pos + block >= frames);
            drain();
        }
        drain();
        return out;
    }

    float peakOf (const float* x, std::int64_t n)
    {
        float peak = 0.0f;
        for (std::int64_t i = 0; i < n; ++i)
            peak = std::max (peak, std::abs (x[i]));
        return peak;
    }

    /** The copy (one shift) or the splice (the start's shift crossfaded into the end's). */
    PieceOutput spliced (const WarpPiece& p, PieceMethod method, const float* input, std::int64_t inputFirst,
                         std::int64_t count)
    {
        const auto [first, end] = outputSpan (p);
        const auto [startShift, endShift] = shifts (p);
        auto at = [&] (std::int64_t inFrame)
        {
            const auto i = inFrame - inputFirst;
            return i >= 0 && i < count ? input[i] : 0.0f;
        };
        PieceOutput out;
        out.placed = first;
        out.method = method;
        out.samples.resize ((size_t) (end - first));
        const double length = std::max (1.0, p.outEnd - p.outStart);
        // An expanded piece (a stretch that failed its guard) must not pull its neighbours' sound in.
        const auto lowest = (std::int64_t) std::floor (p.inStart - p.fadeIn), highest = (std::int64_t) std::ceil (p.inEnd + p.fadeOut);
        auto tap = [&] (std::int64_t inFrame) { return inFrame < lowest || inFrame > highest ? 0.0f : at (inFrame); };
        for (auto t = first; t < end; ++t)
        {
            float& y = out.samples[(size_t) (t - first)];
            if (method == PieceMethod::copy)
            {
                y = at (t - startShift);
                continue;
            }
            const auto w = (float) std::clamp (((double) t - p.outStart) / length, 0.0, 1.0);
            y = w <= 0.0f ? tap (t - startShift) : w >= 1.0f ? tap (t - endShift)
                                                             : (1.0f - w) * tap (t - startShift) + w * tap (t - endShift);
        }
        return out;
    }
} // namespace

PieceMethod chooseMethod (const WarpPiece& p, int rate) noexcept
{
    const double ratio = p.ratio();
    const double inFrames = p.inEnd - p.inStart, outFrames = p.outEnd - p.outStart;
    if (std::abs (ratio - 1.0) <= 1e-4 && std::abs (outFrames - inFrames) <= 0.001 * rate)
        return PieceMethod::copy;
    const auto [first, end] = stretchSpan (p);
    if (ratio < minStretchRatio || end - first < minStretchInput || (double) (end - first) * ratio < (double) minStretchOutput)
        return PieceMethod::splice;
    return PieceMethod::stretch;
}

std::pair<std::int64_t, std::int64_t> pieceInput (const WarpPiece& p, PieceMethod method, std::int64_t inFrames) noexcept
{
    const auto [outFirst, outEnd] = outputSpan (p);
    const auto [startShift, endShift] = shifts (p);
    std::int64_t first = outFirst - startShift, end = outEnd - startShift;
    if (method != PieceMethod::copy)
    {
        first = std::min (first, outFirst - endShift);
        end = std::max (end, outEnd - endShift);
    }
    if (method == PieceMethod::stretch)   // and what the splice that may replace it reads
    {
        const auto [stretchFirst, stretchEnd] = stretchSpan (p);
        first = std::min (first, stretchFirst);
        end = std::max (end, stretchEnd);
    }
    first = std::clamp<std::int64_t> (first, 0, inFrames);
    return { first, std::clamp<std::int64_t> (end, first, inFrames) };
}

PieceOutput makePiece (const WarpPiece& p, PieceMethod method, const float* input, std::int64_t inputFirst,
                       std::int64_t count, int rate)
{
    if (method != PieceMethod::stretch)
        return spliced (p, method, input, inputFirst, count);

    const double ratio = p.ratio();
    auto [first, end] = stretchSpan (p);
    first = std::clamp (first, inputFirst, inputFirst + count);
    end = std::clamp (end, first, inputFirst + count);
    const float* from = input + (first - inputFirst);
    PieceOutput out;
    out.method = PieceMethod::stretch;
    out.samples = stretch (from, end - first, ratio, rate);
    out.placed = std::llround (p.outStart - (p.inStart - (double) first) * ratio);
    // Rubber Band 3.1.2 guard: a stretch that comes back short or long, or with a burst.
    const double expected = (double) (end - first) * ratio;
    const auto inPeak = peakOf (from, end - first);
    const bool wrongLength = std::abs ((double) out.samples.size() - expected) > std::max (64.0, 0.01 * expected);
    if (wrongLength || peakOf (out.samples.data(), (std::int64_t) out.samples.size()) > 1.5f * inPeak + 1e-4f)
        return spliced (p, PieceMethod::splice, input, inputFirst, count);
    return out;
}

double pieceWeight (const WarpPiece& p, double t) noexcept
{
    double w = 1.0;
    if (p.fadeIn > 0.0)
        w = std::min (w, std::clamp ((t - (p.outStart - p.fadeIn)) / (2.0 * p.fadeIn), 0.0, 1.0));
    if (p.fadeOut > 0.0)
        w = std::min (w, std::clamp (((p.outEnd + p.fadeOut) - t) / (2.0 * p.fadeOut), 0.0, 1.0));
    return w;
}
} // namespace loopstage::align
