#pragma once
/** Polyphase FIR interpolator: a Kaiser-windowed sinc cut at the original Nyquist, `factor`
    phases of `tapsPerPhase` taps each. The scan stage of the TruePeakDetector (and any other
    streaming upsampler that wants every phase of a block).

    The sinc is centred on a whole output sample, so the interpolated points sit exactly at
    t = i + p / factor of the input (as an odd-length reference upsampler puts them): output
    phase p for input i describes time i - delaySamples() + p / factor. One instance per channel;
    state is the last tapsPerPhase - 1 input samples.
*/
#include <cstddef>
#include <vector>

namespace loopstage::dsp
{
class Oversampler
{
public:
    /** Designs the filter and allocates room for blocks of up to `maxBlock` samples. `taps`
        per phase must be even. */
    void prepare (int factor, int taps, double kaiserBeta, int maxBlock);
    void reset() noexcept;

    int factor() const noexcept { return phases; }
    int tapsPerPhase() const noexcept { return taps; }
    int maxBlock() const noexcept { return blockCapacity; }

    /** Group delay in input samples (a whole number). */
    int delaySamples() const noexcept { return taps / 2; }

    /** Per input sample, the largest |interpolated value| among its `factor` phases, into
        `out[0..n)` (n <= maxBlock()). @realtime */
    void peaksPerSample (const float* x, int n, float* out) noexcept;

    /** Takes `n` samples into the history without computing anything (the caller knows they
        cannot matter). @realtime */
    void skip (const float* x, int n) noexcept;

    /** Sum over taps of |h| of the worst phase: |interpolated| <= bound x max |input| in reach. */
    float gainBound() const noexcept { return l1Bound; }

private:
    int phases = 4, taps = 64, blockCapacity = 0;
    std::vector<float> coefficients;   // [phase][tap], tap 0 multiplies the newest sample
    std::vector<float> buffer;         // taps - 1 history samples followed by the block
    std::vector<float> scratch;
    float l1Bound = 1.0f;

    void load (const float* x, int n) noexcept;
    void keepHistory (int n) noexcept;
    /** Phase `phase` of the loaded block into `scratch`; returns it. */
    const float* interpolate (int phase, int n) noexcept;
};

/** The taps of a Kaiser-windowed sinc interpolator of `factor` x `tapsPerPhase` taps, centred on
    tap factor x tapsPerPhase / 2 and scaled so every phase passes DC at unity (about). */
std::vector<double> interpolatorTaps (int factor, int tapsPerPhase, double kaiserBeta);
} // namespace loopstage::dsp
