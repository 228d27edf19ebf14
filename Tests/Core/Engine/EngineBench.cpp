// engine_bench: the measurements behind scripts/bench.d/engine.sh.
//   engine_bench dsp-load FILE --tracks N --block N --seconds S [--workers N]
//       N mono tracks of FILE, each with a 4-band EQ and a compressor, to DX/FX/MX stems and the
//       master; played by the Player paced like a device callback; prints the DSP load (time in
//       process() / audio time) and the longest callback.
//   engine_bench render OUTDIR --block N --threads N FILE...
//       one mono track per FILE to DX/FX/MX (round robin); renders stems + printmaster; prints
//       the wall time.
#include "Engine/OfflineRenderer.h"
#include "Engine/Player.h"
#include "AudioFile/AudioFileReader.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace loopstage;
using namespace loopstage::engine;

namespace
{
PlanBus stemBus (const std::string& id)
{
    PlanBus b;
    b.id = id;
    b.name = id;
    b.isStem = true;
    b.output = "master";
    return b;
}

MixPlan planFor (const std::vector<std::string>& files, int tracks, bool processing)
{
    MixPlan plan;
    std::int64_t longest = 0;
    for (int t = 0; t < tracks; ++t)
    {
        const auto& file = files[(size_t) t % files.size()];
        const auto frames = audio::probeAudio (file).frames;
        longest = std::max (longest, frames);
        PlanTrack track;
        track.id = "t" + std::to_string (t);
        track.channels = 1;
        track.output = t % 3 == 0 ? "DX" : (t % 3 == 1 ? "FX" : "MX");
        track.pan = -0.5 + (t % 5) * 0.25;
        track.gainDb = -6.0;
        track.regions.push_back ({ .file = file, .position = 0, .sourceStart = 0, .length = frames });
        if (processing)
        {
            track.inserts.push_back ({ .id = "eq", .kind = PlanInsert::Kind::eq,
                                       .bands = { { dsp::EqBand::Type::highPass, 80.0, 0.0, 0.7071 },
                                                  { dsp::EqBand::Type::lowShelf, 200.0, -2.0, 0.7071 },
                                                  { dsp::EqBand::Type::peak, 2500.0, 3.0, 1.2 },
                                                  { dsp::EqBand::Type::highShelf, 8000.0, 1.5, 0.7071 } } });
            track.inserts.push_back ({ .id = "comp", .kind = PlanInsert::Kind::compressor,
                                       .compressor = { .thresholdDb = -24.0, .ratio = 3.0 } });
        }
        plan.tracks.push_back (track);
    }
    plan.length = longest;
    plan.buses = { stemBus ("DX"), stemBus ("FX"), stemBus ("MX") };
    return plan;
}

int option (int argc, char** argv, const char* name, int fallback)
{
    for (int i = 0; i + 1 < argc; ++i)
        if (std::strcmp (argv[i], name) == 0)
            return std::atoi (argv[i + 1]);
    return fallback;
}

int dspLoad (int argc, char** argv)
{
    const std::vector<std::string> files { argv[2] };
    const int tracks = option (argc, argv, "--tracks", 128), block = option (argc, argv, "--block", 64);
    const int seconds = option (argc, argv, "--seconds", 10), workers = option (argc, argv, "--workers", 0);
    PlayerOptions options;
    options.maxBlock = block;
    options.workers = workers;
    Player player (options);
    player.setPlan (planFor (files, tracks, true));
    player.preroll (0);
    player.play();
    std::vector<float> l ((size_t) block), r ((size_t) block);
    float* out[2] = { l.data(), r.data() };
    const auto period = std::chrono::duration<double> ((double) block / 48000.0);
    const long blocks = (long) ((double) seconds * 48000.0 / block);
    auto deadline = std::chrono::steady_clock::now();
    double busy = 0, longest = 0;
    for (long b = 0; b < blocks; ++b)
    {
        deadline += std::chrono::duration_cast<std::chrono::steady_clock::duration> (period);
        std::this_thread::sleep_until (deadline);
        const auto t0 = std::chrono::steady_clock::now();
        player.process (out, 2, block);
        const double took = std::chrono::duration<double> (std::chrono::steady_clock::now() - t0).count();
        busy += took;
        longest = std::max (longest, took);
    }
    std::printf ("%.1f %.3f %.3f %llu\n", 100.0 * busy / (blocks * period.count()), longest * 1e3, period.count() * 1e3,
                 (unsigned long long) player.underruns());
    return 0;
}

int render (int argc, char** argv)
{
    std::vector<std::string> files;
    for (int i = 3; i < argc; ++i)
    {
        if (argv[i][0] == '-')
        {
            ++i;
            continue;
        }
        files.push_back (argv[i]);
    }
    RenderOptions options;
    options.blockSize = option (argc, argv, "--block", 1024);
    options.threads = option (argc, argv, "--threads", 1);
    const auto report = renderToFolder (planFor (files, (int) files.size(), option (argc, argv, "--processing", 0) != 0),
                                        argv[2], options);
    std::printf ("%.3f\n", report.seconds);
    return 0;
}
} // namespace

int main (int argc, char** argv)
{
    try
    {
        if (argc >= 3 && std::strcmp (argv[1], "dsp-load") == 0)
            return dspLoad (argc, argv);
        if (argc >= 4 && std::strcmp (argv[1], "render") == 0)
            return render (argc, argv);
    }
    catch (const std::exception& e)
    {
        std::fprintf (stderr, "engine_bench: %s\n", e.what());
        return 2;
    }
    std::fprintf (stderr, "usage: engine_bench dsp-load FILE [--tracks N --block N --seconds S --workers N]\n"
                          "       engine_bench render OUTDIR [--block N --threads N --processing 0|1] FILE...\n");
    return 1;
}
