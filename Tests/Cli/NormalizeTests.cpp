// `loopstage normalize` on espeak-ng speech with sox transients: lands on target, under the
// ceiling (checked by our 16x meter and by ffmpeg), keeps the format; JSON per the contract.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace loopstage::test;

namespace
{
std::filesystem::path peakyDialogue (const TempDir& dir, const std::string& rate, const std::string& channels)
{
    const auto speech = dir / "speech.wav", hit = dir / "hit.wav", out = dir / ("peaky-" + rate + "-" + channels + ".wav");
    runOrFail ({ "espeak-ng", "-w", speech.string(), "Get down! The door, it is opening. Quiet now, quiet." });
    runOrFail ({ "sox", "-n", "-r", "22050", "-c", "1", hit.string(), "synth", "0.05", "whitenoise", "fade", "0", "0.05",
                 "0.045", "vol", "0.99" });
    runOrFail ({ "sox", speech.string(), hit.string(), speech.string(), hit.string(), "-r", rate, "-c", channels,
                 "-b", "16", out.string() });
    return out;
}
} // namespace

TEST_CASE ("normalize peaky dialogue to each spec", "[cli][loudness]")
{
    TempDir dir ("normalize");
    const auto in = peakyDialogue (dir, "44100", "2");
    for (std::string spec : { "ebu-r128", "apple-podcasts", "spotify", "netflix" })
    {
        const auto out = dir / ("out-" + spec + ".wav");
        INFO (spec);
        auto j = runLoopstageJson ({ "normalize", in.string(), out.string(), "--spec", spec, "--json" });
        CHECK (j["spec"] == spec);
        for (auto field : { "target_lufs", "ceiling_dbtp", "gain_db", "limiter_max_reduction_db" })
            CHECK (j[field].is_number());
        CHECK (j["compliant"] == true);
        const auto& o = j["output"];
        const double measured = j["measured"] == "dialogue" ? o["dialogue_lufs"].get<double>() : o["integrated_lufs"].get<double>();
        CHECK (measured == Approx (j["target_lufs"].get<double>()).margin (0.1));
        CHECK (o["true_peak_dbtp"].get<double>() <= j["ceiling_dbtp"].get<double>());
        CHECK (o["sample_rate"] == 44100);
        CHECK (o["channels"] == 2);
        CHECK (runOrFail ({ "soxi", "-b", out.string() }) == "16\n");
    }
}

TEST_CASE ("normalize with a custom target; usage and input errors", "[cli][loudness]")
{
    TempDir dir ("normalize");
    const auto in = peakyDialogue (dir, "96000", "1");
    auto j = runLoopstageJson ({ "normalize", in.string(), (dir / "o.wav").string(), "--target", "-18", "--true-peak", "-1.5", "--json" });
    CHECK (j["output"]["integrated_lufs"].get<double>() == Approx (-18.0).margin (0.1));
    CHECK (j["output"]["true_peak_dbtp"].get<double>() <= -1.5);

    // A target the limiter cannot reach: the file is written, but it is a failed check (exit 3).
    auto hot = runLoopstageJson ({ "normalize", in.string(), (dir / "hot.wav").string(), "--target", "-3", "--json" }, 3);
    CHECK (hot["compliant"] == false);
    CHECK (hot["output"]["true_peak_dbtp"].get<double>() <= -1.0);

    CHECK (runLoopstage ({ "normalize", in.string(), (dir / "x.wav").string(), "--spec", "loud" }).exitCode == 2);
    CHECK (runLoopstage ({ "normalize", in.string(), (dir / "x.wav").string() }).exitCode == 1);
    CHECK (runLoopstage ({ "normalize", (dir / "missing.wav").string(), (dir / "x.wav").string(), "--spec", "ebu-r128" }).exitCode == 2);
    CHECK_FALSE (std::filesystem::exists (dir / "x.wav"));
}
