// loopstage tc: frame count <-> timecode at any supported rate (SMPTE 12M).
#include "CommandTable.h"
#include "Base/Error.h"
#include "Timecode/Timecode.h"

#include <charconv>

namespace loopstage::cli
{
namespace
{
    std::int64_t parseFrameCount (const std::string& text)
    {
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars (text.data(), text.data() + text.size(), n);
        if (ec != std::errc() || end != text.data() + text.size())
            throw InputError ("--frames expects a whole number, got '" + text + "'");
        return n;
    }

    int runTc (const Args& args, Output& out)
    {
        args.expectPositionals (0, 0);
        const auto rateName = args.value ("rate");
        if (! rateName)
            throw UsageError ("--rate is required");
        const auto frames = args.value ("frames");
        const auto label = args.value ("timecode");
        if (frames.has_value() == label.has_value())
            throw UsageError ("give exactly one of --frames N or --timecode TC");

        const auto rate = timecode::FrameRate::parse (*rateName);
        const auto frame = frames ? timecode::wrapToDay (parseFrameCount (*frames), rate)
                                  : timecode::parseFrames (*label, rate);
        const auto tc = timecode::formatFrames (frame, rate);

        Json result { { "rate", rate.name() }, { "frames", frame }, { "timecode", tc },
                      { "seconds", timecode::frameToSeconds (frame, rate) } };
        std::string human = tc + "  frame " + std::to_string (frame) + " at " + rate.name();
        if (auto sr = args.number ("sample-rate"))
        {
            if (*sr <= 0)
                throw InputError ("--sample-rate must be positive");
            const auto samples = timecode::frameToSamples (frame, rate, *sr);
            result["samples"] = samples;
            human += "  sample " + fixed (samples, 3) + " at " + fixed (*sr, 0) + " Hz";
        }
        out.result (result, human);
        return exitOk;
    }

const Command tcCommand {
    "tc",
    "convert between frame counts, timecode and sample positions",
    "usage: loopstage tc --rate RATE (--frames N | --timecode TC) [--sample-rate HZ] [--json]\n"
    "\n"
    "  --rate         23.976 24 25 29.97 29.97df 30 47.952 48 50 59.94 59.94df 60\n"
    "  --frames N     frames since 00:00:00:00 (wraps at 24 hours)\n"
    "  --timecode TC  HH:MM:SS:FF, with ';' before frames at drop-frame rates\n"
    "  --sample-rate  also give the audio sample position of the frame's start\n"
    "\n"
    "JSON: {\"rate\", \"frames\", \"timecode\", \"seconds\"[, \"samples\"]}",
    { .flags = {}, .values = { "rate", "frames", "timecode", "sample-rate" } },
    runTc,
    10,
};
const CommandRegistration registerTc (tcCommand);
} // namespace
} // namespace loopstage::cli
