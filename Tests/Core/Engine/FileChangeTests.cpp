// A source file cut short by another program while LoopStage reads it (a sync tool, a full disk
// on the machine that wrote it): the read reports that file, nothing crashes, and playback goes
// on without the track. Mapped reads would otherwise die of SIGBUS.
#include "EngineFixture.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/MappedPcmFile.h"
#include "Base/Error.h"
#include "Engine/DiskStreamer.h"
#include "Engine/GraphCompiler.h"
#include "Engine/Player.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

namespace
{
    /** Cuts `file` to its first `seconds` of (float, mono) audio, header kept. */
    void cutShort (const std::filesystem::path& file, double seconds)
    {
        const auto frames = audio::AudioFileReader (file).info().frames;
        const auto size = std::filesystem::file_size (file);
        const auto dataStart = size - (std::uintmax_t) frames * 4;   // float mono, data last
        std::filesystem::resize_file (file, dataStart + (std::uintmax_t) (seconds * 48000.0) * 4);
    }

    MixPlan onePlusOne (const std::filesystem::path& victim, const std::filesystem::path& other, double seconds)
    {
        MixPlan plan;
        plan.length = (std::int64_t) (seconds * 48000.0);
        for (const auto& [id, file] : { std::pair { std::string ("victim"), victim }, std::pair { std::string ("other"), other } })
        {
            PlanTrack t;
            t.id = id;
            t.channels = 1;
            t.output = "DX";
            t.regions.push_back ({ .file = file, .position = 0, .sourceStart = 0, .length = plan.length });
            plan.tracks.push_back (t);
        }
        plan.buses.push_back (stem ("DX"));
        return plan;
    }
} // namespace

TEST_CASE ("a mapped file cut short while mapped is reported, not a crash", "[engine][read]")
{
    TempDir dir ("engine-cut-mapped");
    const auto file = makeSource (dir, "victim", 1, 4.0, "pinknoise");
    const auto mapped = audio::MappedPcmFile::open (file, 4 * 48000);
    REQUIRE (mapped != nullptr);
    std::vector<float> samples (48000);
    REQUIRE (mapped->decode (0, 0, 48000, samples.data()));

    cutShort (file, 0.5);
    CHECK (mapped->decode (0, 0, 12000, samples.data()));              // still there
    CHECK_FALSE (mapped->decode (0, 2 * 48000, 48000, samples.data()));   // gone: no SIGBUS
    CHECK_FALSE (mapped->decode (0, 3 * 48000, 1000, samples.data()));    // and again
}

TEST_CASE ("an offline render names the file cut short under it", "[engine][read]")
{
    TempDir dir ("engine-cut-offline");
    const auto victim = makeSource (dir, "victim", 1, 4.0, "pinknoise");
    const auto other = makeSource (dir, "other", 1, 4.0, "sine 440");
    const auto plan = onePlusOne (victim, other, 4.0);
    auto streamer = DiskStreamer::direct();
    auto graph = compileGraph (plan, 4096, *streamer, nullptr, false);   // files opened and mapped
    cutShort (victim, 1.0);
    bool reported = false;
    try
    {
        for (std::int64_t frame = 0; frame < plan.length; frame += 4096)
        {
            streamer->prepareForBlock();
            graph->processBlock (frame, 4096, nullptr);
            streamer->rethrowReadError();
        }
    }
    catch (const InputError& e)
    {
        reported = true;
        CHECK_THAT (e.what(), Catch::Contains ("victim") && Catch::Contains ("cut short"));
    }
    CHECK (reported);
}

TEST_CASE ("live playback goes on without a track whose file is cut short, and says which", "[engine][read]")
{
    TempDir dir ("engine-cut-live");
    const auto victim = makeSource (dir, "victim", 1, 6.0, "pinknoise");
    const auto other = makeSource (dir, "other", 1, 6.0, "sine 440");
    PlayerOptions options;
    options.maxBlock = 512;
    options.readAheadSeconds = 0.5;
    Player player (options);
    player.setPlan (onePlusOne (victim, other, 6.0));
    player.preroll (0);
    cutShort (victim, 1.0);
    player.play();

    std::vector<float> l (512), r (512);
    float* out[2] = { l.data(), r.data() };
    double lastBlockPeak = 0.0;
    for (int block = 0; block < 4 * 48000 / 512; ++block)   // 4 s, paced loosely for the disk thread
    {
        player.process (out, 2, 512);
        lastBlockPeak = 0.0;
        for (float v : l)
            lastBlockPeak = std::max (lastBlockPeak, (double) std::abs (v));
        if (block % 8 == 0)
            std::this_thread::sleep_for (std::chrono::milliseconds (5));
    }
    INFO (player.diskError());
    CHECK_THAT (player.diskError(), Catch::Contains ("victim") && Catch::Contains ("cut short"));
    CHECK (lastBlockPeak > 0.01);   // the other track still plays
}
