// FileQc: the checks of a spec pass and fail where they should.
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Deliver/FileQc.h"
#include "Deliver/Normalizer.h"
#include "Deliver/QcReport.h"
#include "PeakySignal.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace loopstage;

namespace
{
const deliver::QcCheck& find (const deliver::QcResult& r, const std::string& name)
{
    for (auto& c : r.checks)
        if (c.name == name)
            return c;
    FAIL ("no check " << name);
    throw;
}
} // namespace

TEST_CASE ("qc passes a normalised file and fails the original", "[deliver]")
{
    test::TempDir dir ("qc");
    const auto in = dir / "in.wav", out = dir / "out.wav";
    audio::writeAudio (in, test::peakySignal (48000, 2, 6.0), audio::SampleFormat::int24);
    const auto spec = deliver::findSpec ("ebu-r128");
    deliver::normalizeFile (in, out, spec);

    const auto bad = deliver::checkFile (in, spec, {});
    CHECK_FALSE (bad.compliant);
    CHECK_FALSE (find (bad, "integrated").pass);
    CHECK_FALSE (find (bad, "true_peak").pass);

    deliver::QcOptions o;
    o.durationSeconds = 6.0;
    o.keepPlots = true;
    const auto good = deliver::checkFile (out, spec, o);
    CHECK (good.compliant);
    CHECK (find (good, "layout").value == "stereo");
    CHECK (find (good, "duration").pass);
    CHECK (toJson (good)["checks"][0]["limit"] == "-23.0 ± 0.5");

    o.durationSeconds = 7.0;
    o.bitDepth = 16;
    const auto wrong = deliver::checkFile (out, spec, o);
    CHECK_FALSE (find (wrong, "duration").pass);
    CHECK_FALSE (find (wrong, "bit_depth").pass);

    deliver::writeQcReport (dir / "report.html", out, good);
    std::ifstream html (dir / "report.html");
    std::string text ((std::istreambuf_iterator<char> (html)), {});
    CHECK (text.find ("<svg") != std::string::npos);
    CHECK (text.find ("<polyline") != std::string::npos);
}

TEST_CASE ("netflix qc falls back to programme loudness without speech", "[deliver]")
{
    test::TempDir dir ("qc");
    const auto in = dir / "tone.wav";
    audio::AudioBuffer b (2, 48000 * 5, 48000);
    for (auto& ch : b.channels)
        for (size_t i = 0; i < ch.size(); ++i)
            ch[i] = (float) (0.1 * std::sin (2.0 * M_PI * 1000.0 * (double) i / 48000.0));
    audio::writeAudio (in, b, audio::SampleFormat::int24);
    const auto r = deliver::checkFile (in, deliver::findSpec ("netflix"), {});
    CHECK (r.checks[0].name == "integrated");
    CHECK (r.checks[0].limit == "-24.0 ± 2.0");
    CHECK_THROWS_AS (deliver::findSpec ("nope"), InputError);
}
