// loopstage loudness: BS.1770-4 / EBU R128 measurement of one file (../shared/CLI.md).
#include "CommandTable.h"
#include "Loudness/LoudnessAnalysis.h"

#include <filesystem>

namespace loopstage::cli
{
namespace
{
    std::string show (const Json& v, const char* unit)
    {
        return v.is_null() ? std::string ("-") : fixed (v.get<double>(), 1) + " " + unit;
    }

    int runLoudness (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const std::filesystem::path file = args.positional (0, "FILE");
        loudness::AnalysisOptions options;
        options.dialogue = args.flag ("dialogue");
        const auto report = loudness::analyseFile (file, options, out.progress());

        Json result { { "file", file.filename().string() } };
        result.update (loudness::toJson (report));
        std::string human = file.filename().string() + "\n"
            + "  integrated      " + show (result["integrated_lufs"], "LUFS") + "\n"
            + "  range (LRA)     " + show (result["lra_lu"], "LU") + "\n"
            + "  true peak       " + show (result["true_peak_dbtp"], "dBTP") + "\n"
            + "  sample peak     " + show (result["sample_peak_dbfs"], "dBFS") + "\n"
            + "  momentary max   " + show (result["momentary_max_lufs"], "LUFS") + "\n"
            + "  short-term max  " + show (result["short_term_max_lufs"], "LUFS");
        if (options.dialogue)
            human += "\n  dialogue        " + show (result["dialogue_lufs"], "LUFS")
                   + "  (speech " + show (result["speech_percent"], "%") + ")";
        out.result (result, human);
        return exitOk;
    }

const Command loudnessCommand {
    "loudness",
    "measure loudness (ITU-R BS.1770-4, EBU R128): integrated, LRA, true peak",
    "usage: loopstage loudness FILE [--dialogue] [--json]\n"
    "\n"
    "  Integrated loudness (gated, BS.1770-4), loudness range (EBU Tech 3342: 3 s windows every\n"
    "  100 ms), true peak (16x, right up to Nyquist), sample peak, momentary and short-term\n"
    "  maxima over every window position.\n"
    "  Channel weights by count: 1 mono, 2 L R, 6 L R C LFE Ls Rs (LFE excluded, surrounds +1.5 dB).\n"
    "  --dialogue   also detect speech and give the dialogue-gated loudness (see docs/LOUDNESS.md)\n"
    "\n"
    "JSON: {\"file\", \"sample_rate\", \"channels\", \"duration\", \"integrated_lufs\", \"lra_lu\",\n"
    "       \"true_peak_dbtp\", \"sample_peak_dbfs\", \"momentary_max_lufs\", \"short_term_max_lufs\"\n"
    "       [, \"dialogue_lufs\", \"speech_percent\"]}; values that do not exist are null.",
    { .flags = { "dialogue" }, .values = {} },
    runLoudness,
    30,
};
const CommandRegistration registerLoudness (loudnessCommand);
} // namespace
} // namespace loopstage::cli
