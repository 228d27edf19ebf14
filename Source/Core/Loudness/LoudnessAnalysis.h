#pragma once
/** Offline loudness analysis of a whole programme: everything `loopstage loudness` reports.

    Reads in 64k-frame chunks; each chunk's jobs (the loudness meter with the speech detector,
    the true-peak meter of each channel, reading the next chunk) run on all cores at once. Every
    job owns its state, so results are bit-identical to a single-threaded run.
*/
#include "AudioFile/AudioBuffer.h"
#include "Base/Json.h"
#include "Base/Progress.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace loopstage::loudness
{
struct AnalysisOptions
{
    bool dialogue = false;      ///< also detect speech and measure dialogue-gated loudness
    /** With `dialogue`: where the speech is, in 100 ms frames from the start, decided on another
        signal of the same timeline (the DX stem) instead of on this programme; frames past its
        end are not speech. A music bed under the words then neither hides nor fakes dialogue. */
    std::shared_ptr<const std::vector<bool>> speechFrames;
    bool keepHistory = false;   ///< keep 100 ms sub-block energies (plots)
    bool keepPeakHistory = false; ///< keep true peaks per 256 samples per channel (slower: every block is scanned)
    int threads = 0;            ///< 0: all cores
};

struct LoudnessReport
{
    double sampleRate = 0;
    int channels = 0;
    std::int64_t frames = 0;
    std::optional<double> integratedLufs, lraLu, truePeakDbtp, samplePeakDbfs;
    std::optional<double> momentaryMaxLufs, shortTermMaxLufs;
    std::optional<double> dialogueLufs, speechPercent;
    /** Weighted mean square per 100 ms (keepHistory or dialogue). */
    std::vector<double> subBlocks;
    std::vector<bool> speechFrames;
    /** [channel][k]: linear true peak of samples [256 k, 256 k + 256) (keepPeakHistory). */
    std::vector<std::vector<float>> truePeakHistory;

    double durationSeconds() const noexcept { return sampleRate > 0 ? (double) frames / sampleRate : 0.0; }
};

/** Pulls up to `frames` planar frames into `destination`, returns how many (0 at the end). */
using AudioSource = std::function<std::int64_t (float* const* destination, std::int64_t frames)>;

LoudnessReport analyse (const AudioSource& source, double sampleRate, int channels,
                        std::int64_t expectedFrames, const AnalysisOptions& options,
                        Progress& progress = Progress::none());

/** Analyses a file, streaming; throws InputError naming it if it cannot be read. */
LoudnessReport analyseFile (const std::filesystem::path& file, const AnalysisOptions& options,
                            Progress& progress = Progress::none());

/** Analyses audio in memory. */
LoudnessReport analyseBuffer (const audio::AudioBuffer& buffer, const AnalysisOptions& options);

/** The contract's loudness fields (../shared/CLI.md), nulls for values that do not exist;
    rounded to 0.01. Dialogue fields only when measured. */
Json toJson (const LoudnessReport& report);
} // namespace loopstage::loudness
