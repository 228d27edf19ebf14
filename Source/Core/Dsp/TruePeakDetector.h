#pragma once
/** True peak (ITU-R BS.1770-4 Annex 2) read right up to Nyquist: a cheap scan flags the moments
    that could matter, long filters read them.

    A short interpolator (BS.1770's 48 taps, or the 16-tap one LoopStage had) passes the top of
    the band short, so near-Nyquist content (clipped drums, square waves, cymbals, sinc-like
    transients) peaks between samples up to ~1.6 dB higher than it reads. Reading the whole
    band takes a long filter, too costly for every sample of a programme, so:
    - scan: 4x, 64 taps a phase (Kaiser beta 9), the cost of a 16x 16-tap filter. On hard-
      clipped noise, naive square and sawtooth waves, sinc pulses and Nyquist bursts it reads
      the true peak at most 2.1 dB low (the margin study is in docs/LOUDNESS.md).
    - read: 16x, 512 taps a phase (Kaiser beta 9, cut at Nyquist), at every sample whose scan
      (or a neighbour's) comes within scanMarginDb of the caller's threshold; its four points
      on the scan's grid first, the other twelve only where those come within coarseMarginDb
      (0.8 dB: Bernstein's bound for a band-limited signal between points a quarter apart). Its points are at
      t = i + p/16 exactly; it agrees with an ideal (FFT) interpolator within 0.07 dB for
      content up to 0.98 of Nyquist.
    - Reach::reference adds a final read with 4096 taps a phase (the two phases either side
      of the read's best) where the read comes within fineMarginDb of the threshold and reads
      more than 0.05 dB over the scan (content that far up is far outside the scan's band):
      tones in the last 0.5 % below Nyquist (a 23.9 kHz burst at 48 kHz) need it to be read
      within 0.05 dB. It costs latency (2048 samples): meters and delivery limiters use it,
      live limiters do not.
    Values at or above the threshold are exact; values below may be the scan's. A block whose
    samples (with the scan's reach) cannot bring the scan near the threshold is not scanned at
    all, so metering a programme costs little once its loudest moment has been seen.

    Output i describes the interval [i - latency(), i - latency() + 1) of the input. One
    instance per channel.
*/
#include "Dsp/Oversampler.h"

#include <cstdint>
#include <vector>

namespace loopstage::dsp
{
class TruePeakDetector
{
public:
    static constexpr int factor = 16;          ///< points per input sample that are read
    static constexpr int readTaps = 512;       ///< taps per phase of the read
    static constexpr int fineTaps = 4096;      ///< taps per phase of the reference read
    static constexpr double scanMarginDb = 3.0, fineMarginDb = 0.5, coarseMarginDb = 0.8;
    enum class Reach { live, reference };

    /** Designs the filters (shared between instances) and allocates. Not realtime. */
    void prepare (int maxBlock, Reach reach = Reach::live);
    void reset() noexcept;
    int maxBlock() const noexcept { return blockCapacity; }
    int latency() const noexcept { return delay; }

    /** Per input sample, the largest |interpolated value| in the interval it describes (see
        above), into out[0..n) (n <= maxBlock()). Exact where it is >= threshold. @realtime */
    void peaksPerSample (const float* x, int n, float threshold, float* out) noexcept;
    /** The largest of what peaksPerSample would give. `scanAll` scans even blocks that
        cannot reach the threshold (for per-block plots whose small values are wanted too). @realtime */
    float peak (const float* x, int n, float threshold, bool scanAll = false) noexcept;

private:
    int blockCapacity = 0, delay = readTaps / 2, history = readTaps - 1;
    bool fine = false;
    Oversampler scan;
    const std::vector<float>* readTable = nullptr;   // [tap][phase], tap 0 multiplies the oldest sample
    const std::vector<float>* fineTable = nullptr;   // [phase][tap], the same order
    const std::vector<float>* coarseTable = nullptr; // the read's phases 0, 4, 8, 12: [tap][4]
    std::vector<float> input;     // at least `history` samples before input[base], the block's first
    int base = 0;
    std::vector<float> scanRing;  // scan value per input sample (0 where skipped)
    std::vector<float> scratch;
    std::vector<float> scanHistory;   // |x| of the last scan-reach samples, for the skip test
    std::int64_t time = 0;
    float scanGain = 1.0f, fineGain = 1.0f, coarseGain = 1.0f, agreement = 1.0f;

    template <typename Sink>
    void run (const float* x, int n, float threshold, bool scanAll, Sink&& sink) noexcept;
    /** The read of the interval whose newest sample in reach is input[newest]; its best phase. */
    float readAt (int newest, int& bestPhase) const noexcept;
    float fineReadAt (int newest, int phase) const noexcept;
    float coarseReadAt (int newest) const noexcept;
};
} // namespace loopstage::dsp
