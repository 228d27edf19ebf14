#pragma once
/** Loudness normalisation of a file to a delivery spec: one linear gain to the target, then the
    true-peak limiter (dsp::TruePeakLimiter) only where the gained signal would pass the ceiling.

    Limiting lowers loudness a little, so when the limiter acts the processed stream is measured
    (in memory, not written) and the gain corrected until the result is within 0.03 LU of the
    target with the true peak, at 16x, under the ceiling; then the file is written once, TPDF
    dithered to the input's integer bit depth, and measured again from disk for the report.
    The limiter aims 0.1 dB under the ceiling to leave room for dither and quantisation. The
    correction stops at 20 dB over the linear gain: a target further out of reach is written
    as close as that gets and reported not compliant.
*/
#include "Deliver/DeliverySpec.h"
#include "AudioFile/IxmlChunk.h"
#include "AudioFile/SampleFormat.h"
#include "Loudness/LoudnessAnalysis.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace loopstage::deliver
{
/** The loudness a spec judges, from a measurement: dialogue or programme, and its target. */
struct SpecReading
{
    std::optional<double> lufs;
    double targetLufs = 0;
    bool dialogue = false;
};
SpecReading readingFor (const loudness::LoudnessReport& report, const DeliverySpec& spec);

/** Analysis options a spec needs: true peak at 16x, speech detection for dialogue specs (or
    the given speech frames, decided on the DX stem: loudness::AnalysisOptions::speechFrames). */
loudness::AnalysisOptions analysisFor (const DeliverySpec& spec,
                                       std::shared_ptr<const std::vector<bool>> speechFrames = {});

/** Where the dialogue is in a dialogue stem (100 ms frames from its start): the gate for
    analysisFor(), normalizeFile() and QcOptions when the programme's own mix would hide the
    words under music. Throws InputError naming the file if it cannot be read. */
std::shared_ptr<const std::vector<bool>> findSpeech (const std::filesystem::path& dialogueStem);

struct NormalizeResult
{
    double gainDb = 0;
    double limiterMaxReductionDb = 0;
    int passes = 0;   ///< measuring passes over the processed audio (0: pure gain)
    loudness::LoudnessReport input, output;
    SpecReading outputReading;
    bool compliant = false;
};

/** What the written file is, where it is not simply the input's. */
struct NormalizeOutput
{
    std::optional<audio::SampleFormat> format;   ///< e.g. a float mix delivered as 24-bit
    std::optional<audio::IxmlChunk> ixml;         ///< replaces the input's iXML
};

/** Normalises `in` into `out` (written atomically, same rate and channels; the input's sample
    format unless `output` says otherwise; TPDF dither once, where float becomes 16/24-bit).
    The input's bext and iXML are kept; the bext gets the loudness of exactly the samples
    written (see DeliverableBext.h). Throws InputError for unreadable input or a programme
    without loudness (silence).
    `speechFrames`: for dialogue specs, where the dialogue is (from the DX stem); else found in `in`. */
NormalizeResult normalizeFile (const std::filesystem::path& in, const std::filesystem::path& out,
                               const DeliverySpec& spec, Progress& progress = Progress::none(),
                               std::shared_ptr<const std::vector<bool>> speechFrames = {},
                               const NormalizeOutput& output = {});
} // namespace loopstage::deliver
