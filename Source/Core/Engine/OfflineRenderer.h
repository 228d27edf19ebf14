#pragma once
/** Renders a mix faster than real time through the same RenderGraph the player uses: every
    stem (as its strip's post-fader signal) and the printmaster (the master's output, i.e. the
    stems summed through the master strip).

    Outputs are aligned for plug-in delay compensation: each is read `latency` samples late, so
    sample 0 of every file is timeline sample 0. The disk read-ahead is filled synchronously
    before each block. Results are bit-identical for any block size or pattern and any thread
    count (each sample is a pure function of the timeline and the summing order is fixed).
*/
#include "AudioFile/AudioBuffer.h"
#include "AudioFile/SampleFormat.h"
#include "Base/Progress.h"
#include "Engine/MixPlan.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace loopstage::engine
{
struct RenderOptions
{
    int blockSize = 1024;
    std::vector<int> blockPattern;   ///< when set, block sizes cycle through it (tests)
    int threads = 1;                 ///< 1: the calling thread only
    audio::SampleFormat format = audio::SampleFormat::int24;
};

struct RenderedMix
{
    std::vector<std::string> stemNames;
    std::vector<audio::AudioBuffer> stems;
    audio::AudioBuffer printmaster;
    int latency = 0;                 ///< samples of plug-in delay compensated at the master
};

/** Renders into memory. Throws InputError for a plan that does not compile. */
RenderedMix renderMix (const MixPlan& plan, const RenderOptions& options, Progress& progress = Progress::none());

struct RenderedFile
{
    std::string role;                ///< "stem" or "printmaster"
    std::string name;                ///< the stem's name, "printmaster"
    std::filesystem::path file;
    int channels = 0;
    std::int64_t frames = 0;
    std::optional<double> peakDbfs;  ///< none for digital silence
};

struct RenderReport
{
    std::vector<RenderedFile> files;
    int latency = 0;
    double seconds = 0.0;            ///< wall-clock time of the render
};

/** Renders every stem to DIR/<stem name>.wav and the printmaster to DIR/printmaster.wav,
    atomically (a failed or cancelled render leaves no file of its own behind). */
RenderReport renderToFolder (const MixPlan& plan, const std::filesystem::path& folder, const RenderOptions& options,
                             Progress& progress = Progress::none());

/** A stem's file name stem: letters, digits, '-', '_' and '.' kept, others become '_'. */
std::string safeFileName (const std::string& name);
} // namespace loopstage::engine
