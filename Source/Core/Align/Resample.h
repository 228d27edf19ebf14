#pragma once
/** Band-limited resampling and fractional shifting (Kaiser-windowed sinc, exact polyphase).

    Used three ways by the aligner: decimating both files to the coarse search rate, bringing a
    take recorded at another rate (44.1 kHz booth, 48 kHz guide) onto the guide's rate, and
    moving a take by a fractional number of samples for --out. The ratio is rational (file rates
    are whole numbers), so each output phase has its own precomputed filter and every output
    sample is one dot product: no per-sample trigonometry. Linear phase: no added delay.
    Thread: an instance is immutable after construction and may be shared between threads.
*/
#include <cstdint>
#include <utility>
#include <vector>

namespace loopstage::align
{
class Resampler
{
public:
    /** Output sample j is the input evaluated at input time `inputStart + j * inRate / outRate`
        (in input samples). `inRate`, `outRate` in Hz, whole numbers. `zeroCrossings` sets the
        filter length (quality); the pass band ends at `rolloff` of the lower Nyquist. */
    Resampler (int inRate, int outRate, double inputStart = 0.0, int zeroCrossings = 64,
               double rolloff = 0.95);

    /** Writes output samples [firstOutput, firstOutput + count) into `out`; input outside
        [0, numInput) is silence. */
    void process (const float* input, std::int64_t numInput, std::int64_t firstOutput,
                  std::int64_t count, float* out) const;

    /** The same from a span of the input: `input[0]` is input sample `inputFirst`, and samples
        outside [inputFirst, inputFirst + numInput) are silence. Reading the span
        inputSpanOf (firstOutput, count) from a file gives exactly what the whole input would. */
    void process (const float* input, std::int64_t inputFirst, std::int64_t numInput,
                  std::int64_t firstOutput, std::int64_t count, float* out) const;

    /** The input samples [first, end) that output samples [firstOutput, firstOutput + count) use. */
    std::pair<std::int64_t, std::int64_t> inputSpanOf (std::int64_t firstOutput, std::int64_t count) const noexcept;

    /** The whole input resampled: numInput * outRate / inRate samples (rounded up). */
    std::vector<float> process (const std::vector<float>& input) const;

    /** Input time (input samples) of output sample j. */
    double inputTimeOf (std::int64_t j) const noexcept;

    int upFactor() const noexcept { return up; }
    int downFactor() const noexcept { return down; }

private:
    int up = 1, down = 1;            // out/in = up/down, reduced
    std::int64_t startWhole = 0;     // integer part of inputStart
    int taps = 0;
    bool identity = false;
    std::vector<float> table;        // up phases x taps
    std::vector<int> carry;          // per phase: extra whole input samples from the fraction
};
} // namespace loopstage::align
