// loopstage align: where an ADR take sits against its guide track, optionally time-warped
// (../shared/CLI.md "Alignment"; algorithm in docs/ALIGNMENT.md).
#include "CommandTable.h"
#include "Align/Align.h"
#include "Align/MonoSource.h"
#include "Align/TimeWarp.h"
#include "Align/WarpRenderer.h"
#include "Base/Error.h"

#include <filesystem>

namespace loopstage::cli
{
namespace
{
    int runAlign (const Args& args, Output& out)
    {
        args.expectPositionals (2, 2);
        const std::filesystem::path guidePath = args.positional (0, "GUIDE");
        const std::filesystem::path takePath = args.positional (1, "TAKE");
        align::AlignOptions options;
        options.warp = args.flag ("warp");
        // The offset alone is the everyday job (and the benchmark): its sync score on request.
        options.offsetSyncScore = args.flag ("sync");
        if (auto m = args.number ("max-offset"))
        {
            if (! (*m > 0.0))
                throw InputError ("--max-offset must be a positive number of seconds");
            options.maxOffsetSeconds = *m;
        }

        // Read span by span: memory does not grow with the files' full-rate size.
        const align::FileSource guide (guidePath);
        const align::FileSource take (takePath);
        auto result = align::alignSources (guide, take, options, out.progress());
        const auto target = args.value ("out");
        if (target)
        {
            align::renderAligned (takePath, result, guide.frames(), guide.sampleRate(), *target, out.progress());
            // What was written, measured afresh against the guide (the fit's own residual would
            // read near 0 by construction).
            result.syncScore = align::scoreAligned (guide, align::FileSource (*target), options.maxDriftSeconds);
        }

        Json json { { "sample_rate", result.sampleRate },
                    { "offset_seconds", result.offsetSeconds },
                    { "offset_samples", result.offsetSamples },
                    { "confidence", result.confidence },
                    { "match_ratio", result.matchRatio },
                    { "peak_to_sidelobe", result.peakToSidelobe },
                    { "inverted", result.inverted } };
        std::string human = "offset  " + fixed (result.offsetSeconds, 6) + " s  (" + fixed (result.offsetSamples, 2)
                          + " samples at " + std::to_string (result.sampleRate) + " Hz)\n"
                          + "confidence  " + fixed (result.confidence, 3)
                          + (result.inverted ? "\npolarity  inverted" : "");
        if (options.warp)
        {
            Json warp = Json::array();
            for (const auto& p : result.warp)
                warp.push_back ({ p.guideSeconds, p.takeSeconds });
            json["warp"] = warp;
            human += "\nwarp  " + std::to_string (result.warp.size()) + " points";
        }
        // The residual after the warp, or after the offset alone with --sync; with --out, of the
        // written file.
        if (! options.warp && ! options.offsetSyncScore && ! target)
        {
        }
        else if (result.syncScore)
        {
            json["sync_score"] = { { "median_ms", result.syncScore->medianMs },
                                   { "p95_ms", result.syncScore->p95Ms },
                                   { "segments", result.syncScore->segments } };
            human += "\nsync  median " + fixed (result.syncScore->medianMs, 1) + " ms, p95 "
                   + fixed (result.syncScore->p95Ms, 1) + " ms over "
                   + std::to_string (result.syncScore->segments) + " segments";
        }
        else
        {
            json["sync_score"] = nullptr;
            human += "\nsync  - (no speech to judge)";
        }
        if (target)
            human += "\nwrote " + *target;
        out.result (json, human);
        return exitOk;
    }

const Command alignCommand {
    "align",
    "align an ADR take to its guide track (offset, confidence, optional time-warp)",
    "usage: loopstage align GUIDE TAKE [--warp | --sync] [--max-offset SECONDS] [--out ALIGNED.wav] [--json]\n"
    "\n"
    "  Finds how much later the same line occurs in TAKE than in GUIDE (take(t + offset) ~ guide(t);\n"
    "  a take that is the guide after 0.5 s of silence gives +0.5): for a re-performance, where the\n"
    "  bulk of the words line up (the median word-onset difference, an editor's bulk sync); for a\n"
    "  copy of the guide's sound, to a fraction of a sample. Files at different sample rates, a\n"
    "  noisy guide, an EQ'd booth take, a slate or breath before the line are fine. Multichannel\n"
    "  files are mixed to mono for the analysis.\n"
    "  --warp          also fit a time-warp for a re-performance that drifts word by word\n"
    "  --sync          without --warp: also score how well the words sit after the offset alone\n"
    "  --max-offset S  only search offsets within +/- S seconds (default: every overlapping offset)\n"
    "  --out FILE      write the take moved (and warped, pitch and formants kept) onto the guide's\n"
    "                  timeline: guide's rate and length, take's channels and sample format\n"
    "\n"
    "JSON: {\"sample_rate\" (the guide's), \"offset_seconds\", \"offset_samples\", \"confidence\" (0-1),\n"
    "       \"match_ratio\", \"peak_to_sidelobe\", \"inverted\"[, \"warp\": [[guide_s, take_s], ...]],\n"
    "       \"sync_score\": {\"median_ms\", \"p95_ms\", \"segments\"} or null (no speech)}\n"
    "  confidence: 0.5 and over, the take is the guide's line; under 0.5, another line, language,\n"
    "  or no speech (calibrated on labelled takes, docs/ALIGNMENT.md). match_ratio: how well the\n"
    "  words match forwards over the take played backwards (genuine takes well under 0.8).\n"
    "  peak_to_sidelobe: the waveform match when the take is a copy of the guide's sound, else 0;\n"
    "  inverted: such a copy's polarity is flipped (reported, not corrected in --out).\n"
    "  sync_score (with --warp, --sync or --out): the words' residual after the warp or the offset\n"
    "  alone; with --out, measured afresh on the written file.",
    { .flags = { "warp", "sync" }, .values = { "max-offset", "out" } },
    runAlign,
    40,
};
const CommandRegistration registerAlign (alignCommand);
} // namespace
} // namespace loopstage::cli
