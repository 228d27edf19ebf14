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
#include <vector>

namespace loopstage::align
{
class Resampler
{
public:
    /** Output sample j is the input evaluated at input time `inputStart + j * inRate / outRate`
        (in input samples). `inRate`, `outRate` in Hz, whole numbers. `zeroCrossings` sets the
        filter length (quality); the pass band ends at `rolloff` of the lower Nyquist. */
    Resampler (int inRate, int outRate, double inputStart = 0.0, int zeroCrossings = 16,
               double rolloff = 0.94);

    /** Writes output samples [firstOutput, firstOutput + count) into `out`; input outside
        [0, numInput) is silence. */
    void process (const float* input, std::int64_t numInput, std::int64_t firstOutput,
                  std::int64_t count, float* out) const;

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
