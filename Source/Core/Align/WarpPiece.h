#pragma once
/** One constant-ratio piece of a warp render (RubberBandWarp.cpp cuts the take into them) and how
    it is made, one channel at a time. Internal.

    - copy: a ratio within 1e-4 of 1 (and ends within a millisecond): the input moved by a whole
      number of samples, sample-exact, nothing stretched (two copies with the same shift meet
      without a crossfade: fades of 0, each covering its own side of the join).
    - splice: what Rubber Band 3.1.2 cannot stretch (a span under 2048 input or 1024 output
      frames: it comes back short or empty; a squeeze under 0.1: a pause the guide hardly has):
      the input copied from the piece's start, crossfaded over the piece into the input copied
      from its end. Both ends land exactly, pitch is kept, no level can exceed the input's, and
      nothing beyond the piece (and its fades) is read: an expanded piece (a gap in the take
      longer in the guide) gets silence in its middle rather than its neighbours' sound.
    - stretch: Rubber Band R3 (OptionEngineFiner) with OptionWindowShort, offline, one channel
      per stretcher, a fresh stretcher per piece (reset() is not bit-identical to a new one, so
      reuse would tie the output to which thread took which piece). A stretch that comes
      back the wrong length or louder than 1.5x the input's peak is replaced by the splice.
    Thread: no shared state; call from any number of threads at once. */
#include <cstdint>
#include <utility>
#include <vector>

namespace loopstage::align
{
struct WarpPiece
{
    double inStart = 0.0, inEnd = 0.0;     // input frames (the take, at the guide's rate)
    double outStart = 0.0, outEnd = 0.0;   // output frames (the guide's timeline)
    double fadeIn = 0.0, fadeOut = 0.0;    // crossfade half-width at each join, output frames

    double ratio() const noexcept { return (outEnd - outStart) / (inEnd - inStart); }
};

enum class PieceMethod
{
    copy,
    splice,
    stretch
};

PieceMethod chooseMethod (const WarpPiece& piece, int rate) noexcept;

/** The input frames [first, end) the piece reads, within [0, inFrames). */
std::pair<std::int64_t, std::int64_t> pieceInput (const WarpPiece& piece, PieceMethod method, std::int64_t inFrames) noexcept;

/** One channel of a made piece: output frames [placed, placed + samples.size()), unweighted. */
struct PieceOutput
{
    std::int64_t placed = 0;
    std::vector<float> samples;
    PieceMethod method = PieceMethod::copy;   // what was done (a failed stretch reads splice)
};

/** Makes one channel of `piece`: `input[i]` is input frame `inputFirst + i`, `count` frames
    (pieceInput's span); frames outside it read as silence. */
PieceOutput makePiece (const WarpPiece& piece, PieceMethod method, const float* input, std::int64_t inputFirst,
                       std::int64_t count, int rate);

/** The piece's weight at output frame `t`: 1 inside, linear ramps of 2 x fade across its joins. */
double pieceWeight (const WarpPiece& piece, double t) noexcept;
} // namespace loopstage::align
