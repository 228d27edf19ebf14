#pragma once
/** Audio brought from one sample rate to another by libsoxr (SOXR_HQ), front to back: the one
    rate converter for files, shared by the engine (a region whose file is at another rate than
    the session, Engine/Playlist.h) and the aligner's offset-only render (Align/WarpRenderer.h).
    Chosen over Align's Resampler there by the benchmark in docs/BENCHMARKS.md ("Resampling:
    ours vs libsoxr"): at 44.1 <-> 48 kHz soxr's SOXR_HQ is flat to 20 kHz (-0.01 dB) with
    images and aliases under -125 dB, at hundreds of times real time. soxr removes its own
    filter delay, and the stream feeds real input before the start (`lead`), so output sample 0
    is the input at the start exactly, not the filter's ramp-up.

    soxr has no start phase, so a fractional start is reached through whole samples on both
    sides: dropping or padding `a` input samples and dropping `b` output samples starts the
    output at input time a + b * inRate / outRate, a grid of 1 / up input samples (up/down =
    outRate/inRate reduced). The start is rounded to that grid: at most 0.5 / down output
    samples off (1/294 of a sample, 71 ns, at 44.1 -> 48 kHz). canPlace() says when that is
    fine enough for any start; a start that is a whole number of output samples (the engine's:
    output sample k of the file at input time k * inRate / outRate) lies on the grid at any
    rates and is exact. Same rate, 96 -> 48 kHz with an arbitrary start: Resampler.h (Align).
    Random access is not offered: soxr's output depends on everything fed before it, so a jump
    is a new stream (the engine makes one on a locate), and spans read out of order (the
    aligner's windows, the warp render's pieces) stay on Align's Resampler.
    Not thread-safe (one open reader, one soxr state); not for the audio thread (it allocates). */
#include "AudioFile/AudioFileReader.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

namespace loopstage::audio
{
class SoxrStream
{
public:
    /** soxr's recipes: SOXR_HQ (20-bit: the aligner's takes) or SOXR_VHQ (28-bit: what a mix
        plays, where a 15 kHz tone must come through with its error under -100 dB; about 1.7x
        the work). */
    enum class Quality
    {
        high,
        veryHigh
    };

    /** Reads input frames [first, first + count) of every channel into planes (each resized to
        count); frames outside the input are never asked for. */
    using Input = std::function<void (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& planes)>;

    /** Whether soxr places a start within 0.005 output samples for these rates (rates that
        differ, with down >= 100: 44.1 <-> 48 kHz, 88.2 -> 48 kHz, ...). */
    static bool canPlace (int inRate, int outRate) noexcept;

    /** Output sample j is input time `inputStart + j * inRate / outRate` (input samples, rounded
        as above); input outside [0, inputFrames) is silence, output from outputEnd on too. */
    SoxrStream (int inRate, int outRate, double inputStart, int channels, std::int64_t inputFrames,
                std::int64_t outputEnd, Input input, Quality quality = Quality::high);
    /** The same, reading a file. */
    SoxrStream (const std::filesystem::path& take, int outRate, double inputStart, std::int64_t outputEnd);
    ~SoxrStream();

    int channels() const noexcept { return numChannels; }

    /** The next `count` output samples of every channel into out[channel] (resized to count). */
    void read (std::int64_t count, std::vector<std::vector<float>>& out);
    /** The same into out[channel][0..count), caller-sized. */
    void read (std::int64_t count, float* const* out);

    /** Where output sample 0 landed, in input samples (inputStart after rounding). */
    double actualStart() const noexcept { return start; }

private:
    struct State;
    std::unique_ptr<AudioFileReader> file;
    std::unique_ptr<State> state;
    int numChannels = 1;
    double start = 0.0;
    void pump();
};
} // namespace loopstage::audio
