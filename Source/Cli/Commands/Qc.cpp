// loopstage qc: judge a file against a delivery spec; exit 3 when it fails (../shared/CLI.md).
#include "CommandTable.h"
#include "Base/Error.h"
#include "Deliver/FileQc.h"
#include "Deliver/Normalizer.h"
#include "Deliver/QcReport.h"
#include "AudioFile/AudioFileReader.h"

#include <cmath>
#include <filesystem>

namespace loopstage::cli
{
namespace
{
    int runQc (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const std::filesystem::path file = args.positional (0, "FILE");
        const auto specName = args.value ("spec");
        if (! specName)
            throw UsageError ("--spec SPEC is required");
        const auto spec = deliver::findSpec (*specName);

        deliver::QcOptions options;
        options.sampleRate = args.number ("sample-rate");
        if (auto d = args.number ("bit-depth"))
            options.bitDepth = (int) *d;
        if (auto c = args.number ("channels"))
            options.channels = (int) *c;
        options.durationSeconds = args.number ("duration");
        if (auto fps = args.number ("fps"))
        {
            if (*fps <= 0)
                throw InputError ("--fps must be positive");
            options.durationToleranceSeconds = 1.0 / *fps;
        }

        if (auto stem = args.value ("dialogue-stem"))
        {
            if (spec.measure != deliver::Measure::dialogue)
                throw UsageError ("--dialogue-stem is for dialogue-gated specs (netflix)");
            deliver::gateOnDialogueStem (options, spec, file, *stem);
        }
        options.keepPlots = args.value ("report").has_value();
        const auto result = deliver::checkFile (file, spec, options, out.progress());
        if (auto report = args.value ("report"))
            deliver::writeQcReport (*report, file, result);

        std::string human = file.filename().string() + " against " + spec.name + ": "
                          + (result.compliant ? "PASS" : "FAIL");
        for (auto& c : result.checks)
            human += "\n  " + std::string (c.pass ? "ok   " : "FAIL ") + c.name + " = " + c.value.dump()
                   + "  (" + c.limit + ")";
        out.result (deliver::toJson (result), human);
        return result.compliant ? exitOk : exitCheckFailed;
    }

const Command qcCommand {
    "qc",
    "check a file against a delivery spec (loudness, true peak, LRA, format); exit 3 on failure",
    "usage: loopstage qc FILE --spec SPEC [--sample-rate HZ] [--bit-depth N] [--channels N]\n"
    "                    [--duration SECONDS [--fps FPS]] [--dialogue-stem DX.wav] [--report FILE.html] [--json]\n"
    "\n"
    "  --spec         ebu-r128, atsc-a85, netflix, apple-podcasts, spotify\n"
    "  --sample-rate, --bit-depth, --channels  require these (the spec's own requirements otherwise)\n"
    "  --duration     the picture's length: the file must match within one frame (--fps, default 24)\n"
    "  --dialogue-stem  dialogue-gated specs: find the speech in this DX stem (same rate and length),\n"
    "                 not in the mix, where music can hide or fake it\n"
    "  --report       also write a self-contained HTML report with loudness-over-time plots\n"
    "\n"
    "JSON: {\"spec\", \"compliant\", \"checks\": [{\"name\", \"value\", \"limit\", \"pass\"}],\n"
    "       \"measurements\": {loudness fields}}. Exit 3 when not compliant.",
    { .flags = {}, .values = { "spec", "sample-rate", "bit-depth", "channels", "duration", "fps", "dialogue-stem", "report" } },
    runQc,
    32,
};
const CommandRegistration registerQc (qcCommand);
} // namespace
} // namespace loopstage::cli
