// loopstage normalize: gain to a delivery spec's loudness, true-peak limited (../shared/CLI.md).
#include "CommandTable.h"
#include "Base/Error.h"
#include "Deliver/Normalizer.h"

#include <filesystem>

namespace loopstage::cli
{
namespace
{
    deliver::DeliverySpec specFromArgs (const Args& args)
    {
        const auto name = args.value ("spec");
        const auto target = args.number ("target");
        const auto ceiling = args.number ("true-peak");
        if (! name && ! target)
            throw UsageError ("--spec SPEC (or --target LUFS) is required");
        deliver::DeliverySpec spec;
        if (name && *name != "custom")
            spec = deliver::findSpec (*name);
        else
            spec.name = "custom";
        if (target)
        {
            if (*target > 0 || *target < -70)
                throw InputError ("--target must be between -70 and 0 LUFS");
            spec.targetLufs = spec.fallbackTargetLufs = *target;
        }
        if (ceiling)
        {
            if (*ceiling > 0 || *ceiling < -20)
                throw InputError ("--true-peak must be between -20 and 0 dBTP");
            spec.ceilingDbtp = *ceiling;
        }
        return spec;
    }

    int runNormalize (const Args& args, Output& out)
    {
        args.expectPositionals (2, 2);
        const std::filesystem::path in = args.positional (0, "IN"), target = args.positional (1, "OUT");
        const auto spec = specFromArgs (args);
        const auto r = deliver::normalizeFile (in, target, spec, out.progress());

        Json result { { "spec", spec.name },
                      { "target_lufs", r.outputReading.targetLufs },
                      { "ceiling_dbtp", spec.ceilingDbtp },
                      { "measured", r.outputReading.dialogue ? "dialogue" : "integrated" },
                      { "gain_db", std::round (r.gainDb * 100.0) / 100.0 },
                      { "limiter_max_reduction_db", std::round (r.limiterMaxReductionDb * 100.0) / 100.0 },
                      { "passes", r.passes },
                      { "input", loudness::toJson (r.input) },
                      { "output", loudness::toJson (r.output) },
                      { "compliant", r.compliant } };
        const auto& o = result["output"];
        std::string human = target.filename().string() + ": " + spec.name + ", gain " + fixed (r.gainDb, 2)
            + " dB, limiter " + fixed (r.limiterMaxReductionDb, 2) + " dB at most\n  output "
            + (r.outputReading.lufs ? fixed (*r.outputReading.lufs, 2) : std::string ("-"))
            + (r.outputReading.dialogue ? " LUFS (dialogue)" : " LUFS") + ", true peak "
            + (o["true_peak_dbtp"].is_null() ? std::string ("-") : fixed (o["true_peak_dbtp"].get<double>(), 2))
            + " dBTP: " + (r.compliant ? "compliant" : "NOT compliant");
        out.result (result, human);
        // The file is written either way; a target the limiter cannot reach is a failed check.
        return r.compliant ? exitOk : exitCheckFailed;
    }

const Command normalizeCommand {
    "normalize",
    "normalise a file to a delivery spec's loudness, true-peak limited",
    "usage: loopstage normalize IN OUT --spec SPEC [--target LUFS] [--true-peak DBTP] [--json]\n"
    "\n"
    "  Linear gain to the target, then a look-ahead true-peak limiter (16x detector, right up to Nyquist)\n"
    "  only where the ceiling would be passed; re-measured until within 0.1 LU of the target.\n"
    "  OUT keeps IN's sample rate, channels and sample format (TPDF dither for integer formats).\n"
    "  --spec       ebu-r128 (-23, -1 dBTP), atsc-a85 (-24, -2), netflix (-27 dialogue-gated, -2;\n"
    "               programme -24 when speech is under 15 %), apple-podcasts (-16, -1),\n"
    "               spotify (-14, -1), custom\n"
    "  --target     override the spec's target loudness (LUFS)\n"
    "  --true-peak  override the spec's ceiling (dBTP)\n"
    "\n"
    "JSON: {\"spec\", \"target_lufs\", \"ceiling_dbtp\", \"measured\", \"gain_db\",\n"
    "       \"limiter_max_reduction_db\", \"passes\", \"input\": {loudness}, \"output\": {loudness},\n"
    "       \"compliant\"}. Exit 3 when the output is not compliant (target out of reach).",
    { .flags = {}, .values = { "spec", "target", "true-peak" } },
    runNormalize,
    31,
};
const CommandRegistration registerNormalize (normalizeCommand);
} // namespace
} // namespace loopstage::cli
