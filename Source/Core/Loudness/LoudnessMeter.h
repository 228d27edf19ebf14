#pragma once
/** Loudness module: ITU-R BS.1770-4 / EBU R128 metering, shared by the mixer's live meter and
    offline file analysis (`loopstage loudness`, `normalize`, `qc`).

    Design
    - dsp::KWeighting (Core/Dsp): the two BS.1770 biquads, coefficients derived for any sample rate.
    - LoudnessMeter (this file): streaming. Each channel is K-weighted and its squares summed
      into 100 ms sub-blocks; a sub-block's channel-weighted mean square is pushed into a 30-slot
      ring, from which momentary (last 4 = 400 ms) and short-term (last 30 = 3 s) loudness are
      read. Every 100 ms a 400 ms gating block (75 % overlap) goes into one GatedHistogram for
      integrated loudness, and, once 3 s have passed, a short-term value goes into another for
      LRA: EBU Tech 3342's 10 Hz hop, not libebur128's 1 Hz.
      The maxima of momentary and short-term loudness are read over every window position to
      a step of 1/30 of a sub-block (3.3 ms at 48 kHz; the largest divisor of the sub-block up
      to 30): sliding sums over step energies, so a burst between two 100 ms boundaries reads
      its full loudness (EBU Tech 3341 case 13), within 0.03 dB.
    - TruePeakMeter: polyphase FIR oversampler (8x for metering, 16x for delivery checks).
    - DialogueGate: speech detection in 100 ms frames for dialogue-gated loudness.
    - LoudnessAnalysis: a whole file, multi-threaded over channels, with identical results to
      feeding the same samples through the meters one block at a time.
    Only complete blocks count: a file shorter than 400 ms has no integrated loudness (null).
*/
#include "Loudness/GatedHistogram.h"
#include "Dsp/KWeighting.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace loopstage::loudness
{
class LoudnessMeter
{
public:
    /** Allocates everything; `weights` empty means channelWeights (channels). Not realtime. */
    void prepare (int channels, double sampleRate, std::vector<double> weights = {});
    /** Starts a new measurement (clears filters, windows and histograms). */
    void reset() noexcept;

    /** Meters `n` frames of planar audio. @realtime (no allocation unless a history is set). */
    void process (const float* const* channels, int n) noexcept;

    /** The same as process(), split so channels can be filtered on different threads at once:
        call filterChannel() for every channel (any thread, any order; n <= maxSplitFrames()),
        then commit (n) on one thread. @realtime */
    void filterChannel (int channel, const float* x, int n) noexcept;
    void commit (int n) noexcept;
    int maxSplitFrames() const noexcept { return (maxSegments - 2) * stepLength; }

    /** Offline: every completed 100 ms sub-block's weighted mean square is appended here (for
        dialogue gating and loudness-over-time plots). Allocates; leave unset on the audio thread. */
    void setHistory (std::vector<double>* subBlockEnergies) noexcept { history = subBlockEnergies; }

    /** Loudness of the last 400 ms / 3 s in LUFS; -inf until the window is full or in silence. */
    double momentaryLufs() const noexcept;
    double shortTermLufs() const noexcept;
    /** Largest momentary / short-term value so far (-inf if none). */
    double momentaryMaxLufs() const noexcept { return momentaryMax; }
    double shortTermMaxLufs() const noexcept { return shortTermMax; }

    std::optional<double> integratedLufs() const noexcept { return blocks.gatedLoudness(); }
    std::optional<double> loudnessRangeLu() const noexcept { return shortTerms.loudnessRange(); }

    int subBlockSamples() const noexcept { return subBlockLength; }
    std::int64_t subBlocksDone() const noexcept { return completed; }

private:
    static constexpr int ringSize = 30;
    int numChannels = 0;
    int subBlockLength = 4800;
    std::vector<dsp::KWeighting> filters;
    std::vector<double> weights;
    std::vector<double> channelSums;
    static constexpr int maxSegments = 1024;
    // Steps: the sub-block cut into `stepsPerSubBlock` equal parts, for the sliding maxima.
    int stepLength = 160, stepsPerSubBlock = 30, stepFilled = 0, stepsInSubBlock = 0;
    std::vector<double> stepChannelSums, stepRing;   // stepRing: the last 30 sub-blocks' steps
    std::int64_t stepsDone = 0;
    double momentarySum = 0, shortTermSum = 0;
    void finishStep() noexcept;
    std::vector<double> segmentSums;   // [channel][segment] of the call being split
    int filled = 0;   // samples in the current sub-block
    std::array<double, ringSize> ring {};
    std::int64_t completed = 0;
    double momentaryMax = 0, shortTermMax = 0;
    GatedHistogram blocks, shortTerms;
    std::vector<double>* history = nullptr;

    void finishSubBlock() noexcept;
    double windowEnergy (int subBlocks) const noexcept;
};

/** Sub-block energies (from LoudnessMeter::setHistory) → integrated loudness of the 400 ms
    blocks whose `include` flag is set (null when none pass the gates). */
std::optional<double> integratedFromHistory (const std::vector<double>& subBlocks,
                                             const std::vector<bool>& includeBlockEndingAt);
} // namespace loopstage::loudness
