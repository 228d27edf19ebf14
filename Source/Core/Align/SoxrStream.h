#pragma once
/** A take brought onto the guide's rate and timeline by libsoxr, front to back, for the
    offset-only render (WarpRenderer.h). Chosen over Resampler.h there by the benchmark in
    docs/BENCHMARKS.md ("Resampling: ours vs libsoxr"): at 44.1 <-> 48 kHz soxr's SOXR_HQ is
    flat to 20 kHz (-0.01 dB; ours -2.9 dB) with images and aliases under -125 dB, at about a
    third of our speed, which is still hundreds of times real time.

    soxr has no start phase, so the take's fractional start is reached through whole samples on
    both sides: dropping or padding `a` input samples and dropping `b` output samples starts
    the output at input time a + b * inRate / outRate, a grid of 1 / up input samples (up/down =
    outRate/inRate reduced). The start is rounded to that grid: at most 0.5 / down output
    samples off (1/294 of a sample, 71 ns, at 44.1 -> 48 kHz). canPlace() says when that is fine
    enough; otherwise (same rate, 96 -> 48 kHz) Resampler.h does the shift exactly.
    Random access is not offered: soxr's output depends on everything fed before it, so spans
    read out of order (the aligner's windows, the warp render's pieces) stay on Resampler.h,
    whose spans equal the whole-signal result bit for bit.
    Not thread-safe (one open reader, one soxr state). */
#include "AudioFile/AudioFileReader.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

namespace loopstage::align
{
class SoxrStream
{
public:
    /** Reads input frames [first, first + count) of every channel into planes (each resized to
        count); frames outside the input are never asked for. */
    using Input = std::function<void (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& planes)>;

    /** Whether soxr places a start within 0.005 output samples for these rates (rates that
        differ, with down >= 100: 44.1 <-> 48 kHz, 88.2 -> 48 kHz, ...). */
    static bool canPlace (int inRate, int outRate) noexcept;

    /** Output sample j is input time `inputStart + j * inRate / outRate` (input samples, rounded
        as above); input outside [0, inputFrames) is silence, output from outputEnd on too. */
    SoxrStream (int inRate, int outRate, double inputStart, int channels, std::int64_t inputFrames,
                std::int64_t outputEnd, Input input);
    /** The same, reading a file. */
    SoxrStream (const std::filesystem::path& take, int outRate, double inputStart, std::int64_t outputEnd);
    ~SoxrStream();

    int channels() const noexcept { return numChannels; }

    /** The next `count` output samples of every channel into out[channel] (resized to count). */
    void read (std::int64_t count, std::vector<std::vector<float>>& out);

    /** Where output sample 0 landed, in input samples (inputStart after rounding). */
    double actualStart() const noexcept { return start; }

private:
    struct State;
    std::unique_ptr<audio::AudioFileReader> file;
    std::unique_ptr<State> state;
    int numChannels = 1;
    double start = 0.0;
    void pump();
};
} // namespace loopstage::align
