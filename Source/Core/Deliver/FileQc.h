#pragma once
/** Delivery QC of one file: measures it and judges every figure a spec cares about.

    Checks, in this order: loudness (`integrated`, or `dialogue` for dialogue-gated specs with
    enough speech), `true_peak` (16x), `lra` where the spec has a range, `sample_rate`,
    `bit_depth`, `channels`, `layout` (BS.1770 defines mono, stereo, 5.1), `duration` (against
    the picture's when given, within one frame at 24 fps). A requirement the spec and the caller
    leave open is reported with limit "any" and passes.
*/
#include "Base/Json.h"
#include "Deliver/DeliverySpec.h"
#include "Loudness/LoudnessAnalysis.h"

#include <filesystem>
#include <memory>

namespace loopstage::deliver
{
struct QcOptions
{
    std::optional<double> sampleRate;        ///< overrides the spec's
    std::optional<int> bitDepth;             ///< overrides the spec's
    std::optional<int> channels;
    std::optional<double> durationSeconds;   ///< the picture's length
    double durationToleranceSeconds = 1.0 / 24.0;
    /** Keep loudness and true peak over time for the HTML report (true peak then reads every
        sample at 16x, a few seconds per 10 minutes of stereo). */
    bool keepPlots = false;
    /** Dialogue specs: where the dialogue is, decided on the DX stem (100 ms frames), and a few
        words saying so in the report; empty: speech is detected in the file itself. */
    std::shared_ptr<const std::vector<bool>> speechFrames;
    std::string speechSource;
};

struct QcCheck
{
    std::string name;
    Json value;
    std::string limit;
    bool pass = true;
};

struct QcResult
{
    std::string spec;
    bool compliant = true;
    std::vector<QcCheck> checks;
    loudness::LoudnessReport report;
};

QcResult checkFile (const std::filesystem::path& file, const DeliverySpec& spec, const QcOptions& options,
                    Progress& progress = Progress::none());

/** Gates the programme's dialogue loudness on speech found in its dialogue stem (the DX stem of
    the same mix) rather than in the programme itself: sets options.speechFrames and speechSource.
    InputError when the spec is not dialogue-gated (`usage` names the option in the message) or the
    stem's rate or length differ from the programme's. */
void gateOnDialogueStem (QcOptions& options, const DeliverySpec& spec, const std::filesystem::path& programme,
                         const std::filesystem::path& dialogueStem);

/** {"spec", "compliant", "checks": [{"name", "value", "limit", "pass"}], "measurements": {...}} */
Json toJson (const QcResult& result);
} // namespace loopstage::deliver
