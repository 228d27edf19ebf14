// Sources at another sample rate than the session's are converted as they play (Playlist.h,
// libsoxr): a region's first sample lands on its timeline sample exactly, impulses inside it
// where the rate ratio puts them, and a sine keeps its level, frequency and phase to -100 dB.
// Files are written at test time; the render is the real offline renderer.
#include "EngineFixture.h"
#include "SourceFiles.h"
#include "Base/Error.h"
#include "Engine/OfflineRenderer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

namespace
{
constexpr double twoPi = 6.28318530717958647692;

struct RatePair
{
    int file, session;
};

/** A mono track playing one region of `file` into a mono stem (pan and fader transparent). */
MixPlan oneRegion (const std::filesystem::path& file, double sessionRate, std::int64_t position, std::int64_t sourceStart,
                   std::int64_t length, std::int64_t planLength)
{
    MixPlan plan;
    plan.sampleRate = sessionRate;
    plan.length = planLength;
    PlanTrack t;
    t.id = "music";
    t.channels = 1;
    t.output = "MX";
    t.regions.push_back ({ .file = file, .position = position, .sourceStart = sourceStart, .length = length });
    plan.tracks.push_back (t);
    plan.buses.push_back (stem ("MX", 1));
    return plan;
}
} // namespace

TEST_CASE ("a source at another rate is placed to the sample: impulses land where the ratio puts them", "[engine][rate]")
{
    const auto pair = GENERATE (RatePair { 44100, 48000 }, RatePair { 96000, 48000 }, RatePair { 48000, 44100 });
    CAPTURE (pair.file, pair.session);
    TempDir dir ("engine-rate-impulses");
    const int g = std::gcd (pair.file, pair.session);
    const int fileStep = pair.file / g, sessionStep = pair.session / g;   // the same instant on both grids

    // Impulses from the region's first source sample on, about 50 ms apart (their tails do not
    // meet), each on a whole session sample.
    const std::int64_t position = 12345, sourceStart = 20 * sessionStep;   // 20 steps into the file
    const auto length = (std::int64_t) (1.5 * pair.session);
    const std::int64_t firstSource = 20 * fileStep;
    std::vector<float> samples ((size_t) pair.file * 2, 0.0f);
    const std::int64_t stride = (2400 + sessionStep - 1) / sessionStep;
    std::vector<std::int64_t> steps { 0 };
    for (std::int64_t m = 1; (m + 1) * stride * sessionStep < length; ++m)
        steps.push_back (m * stride + m % 3);   // varied phases of the conversion filter
    for (auto k : steps)
        samples[(size_t) (firstSource + k * fileStep)] = 0.5f;
    const auto file = writeSource (dir, "impulses", pair.file, { samples });

    const auto plan = oneRegion (file, pair.session, position, sourceStart, length, position + length + 1000);
    const auto threads = GENERATE (1, 2);
    RenderOptions options;
    options.blockSize = 1000;
    options.threads = threads;
    const auto mix = renderMix (plan, options);
    const auto& out = mix.stems[0].channels[0];

    // A band-limited impulse on a sample is symmetric about it: its peak sits on that sample and
    // its neighbours match. Half a sample off would make one neighbour as high as the peak.
    // The impulse on the region's first sample has no left half (the region starts there) but
    // the same peak as the others: no latency, no ramp-up of the converter.
    const float height = out[(size_t) (position + steps[1] * sessionStep)];
    CHECK (height > 0.15f);
    for (auto k : steps)
    {
        const auto at = position + k * sessionStep;
        CAPTURE (k, at);
        const auto peak = std::max_element (out.begin() + at - 20, out.begin() + at + 21) - out.begin();
        CHECK (peak == at);
        CHECK (std::abs (out[(size_t) at] - height) < 1e-3f * height);
        if (k > 0)
            CHECK (std::abs (out[(size_t) at - 1] - out[(size_t) at + 1]) < 1e-3f * height);
    }
    // Nothing before the region's first sample: the file's earlier (silent) part is not played.
    for (std::int64_t i = 0; i < position; ++i)
        REQUIRE (out[(size_t) i] == 0.0f);
}

TEST_CASE ("a sine at another rate keeps its level, frequency and phase to -100 dB", "[engine][rate]")
{
    const auto pair = GENERATE (RatePair { 44100, 48000 }, RatePair { 96000, 48000 }, RatePair { 48000, 44100 });
    const double frequency = GENERATE (997.0, 6007.0, 15013.0);
    CAPTURE (pair.file, pair.session, frequency);
    TempDir dir ("engine-rate-sine");
    const double seconds = 3.0, amplitude = 0.5;
    std::vector<float> samples ((size_t) (seconds * pair.file));
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = (float) (amplitude * std::sin (twoPi * frequency * (double) i / pair.file));
    const auto file = writeSource (dir, "sine", pair.file, { samples });

    // Region from 0.5 s into the file, placed at 0.25 s; read in odd blocks.
    const auto sourceStart = (std::int64_t) (0.5 * pair.session), position = (std::int64_t) (0.25 * pair.session);
    const auto length = (std::int64_t) (2.0 * pair.session);
    const auto plan = oneRegion (file, pair.session, position, sourceStart, length, position + length);
    RenderOptions options;
    options.blockPattern = { 4096, 333, 1024, 17 };
    const auto mix = renderMix (plan, options);
    const auto& out = mix.stems[0].channels[0];

    // Against the ideal sine at the session's sample instants (file time (sourceStart + k) /
    // session rate), away from the region's ends where the file's own start would matter.
    double error = 0.0, signal = 0.0;
    for (std::int64_t k = 4800; k < length - 4800; ++k)
    {
        const double ideal = amplitude * std::sin (twoPi * frequency * (double) (sourceStart + k) / pair.session);
        const double e = out[(size_t) (position + k)] - ideal;
        error += e * e;
        signal += ideal * ideal;
    }
    const double errorDb = 10.0 * std::log10 (error / signal);
    WARN (pair.file << " -> " << pair.session << " Hz, " << frequency << " Hz: error " << errorDb << " dB");
    CHECK (errorDb < -100.0);
}

TEST_CASE ("a region whose file is shorter than its header claims says so, naming the file", "[engine][rate]")
{
    TempDir dir ("engine-truncated");
    const auto file = makeSource (dir, "cut", 1, 2.0, "pinknoise");
    const auto frames = (std::int64_t) 96000;
    // Keep the header (it still declares 2 s) and 0.8 s of the samples: a recorder that died.
    const auto size = std::filesystem::file_size (file);
    std::filesystem::resize_file (file, size - (std::uintmax_t) (frames - 38400) * 4);
    const auto plan = oneRegion (file, 48000.0, 0, 0, frames, frames);
    try
    {
        renderMix (plan, {});
        FAIL ("the render should have refused the region");
    }
    catch (const InputError& e)
    {
        const std::string message = e.what();
        CAPTURE (message);
        CHECK (message.find (file.string()) != std::string::npos);
        CHECK (message.find ("shorter than its header claims") != std::string::npos);
        CHECK (message.find ("38400 of the 96000 samples") != std::string::npos);
    }
    // A whole file that is simply too short for the region keeps the plain message.
    const auto whole = makeSource (dir, "whole", 1, 0.8, "pinknoise");
    CHECK_THROWS_WITH (renderMix (oneRegion (whole, 48000.0, 0, 0, frames, frames), {}),
                       Catch::Contains ("runs outside the file's 38400 samples"));
}
