// Real-time safety: no allocation and no lock on the audio thread (or the workers) while a
// Player plays with automation, edits and snapshot swaps.
#include "EngineFixture.h"
#include "Support/RealtimeGuard.h"
#include "Engine/Player.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <thread>

using namespace loopstage;
using namespace loopstage::engine;
using namespace loopstage::test;

TEST_CASE ("the audio thread neither allocates nor locks during playback with edits and swaps", "[engine][realtime]")
{
    TempDir dir ("engine-realtime");
    auto plan = richPlan (dir, 12, 4.0);

    PlayerOptions options;
    options.maxBlock = 128;
    options.workers = 1;
    options.workerStarted = [] { markThreadRealtime(); };
    Player player (options);
    player.setPlan (plan);
    player.preroll (0);
    player.play();

    std::vector<float> left (128), right (128);
    float* out[2] = { left.data(), right.data() };
    std::atomic<bool> done { false };
    std::atomic<int> edits { 0 };

    // The message thread edits while the audio thread plays: fader moves, solo, a region move,
    // an insert change (new latency) and automation changes, each a new snapshot.
    std::thread editor ([&]
    {
        auto edited = plan;
        for (int i = 0; ! done.load(); ++i)
        {
            edited.tracks[(size_t) i % edited.tracks.size()].gainDb = -(i % 10);
            edited.tracks[3].solo = i % 3 == 0;
            edited.tracks[1].inserts[0].samples = 64 + i % 5;
            edited.tracks[0].gainAutomation.points.push_back ({ (std::int64_t) (i * 997) % plan.length, -(double) (i % 7) });
            if (i % 4 == 0)
                edited.tracks[5].regions[0].position += 480;
            player.setPlan (edited);
            ++edits;
            std::this_thread::sleep_for (std::chrono::milliseconds (3));
        }
    });

    armRealtimeGuard();
    double energy = 0;
    {
        RealtimeScope audioThread;
        // Paced like a 128-sample device callback at 48 kHz (2.67 ms), until enough edits landed.
        auto deadline = std::chrono::steady_clock::now();
        for (int block = 0; block < 750 || edits.load() < 20; ++block)
        {
            deadline += std::chrono::microseconds (2667);
            std::this_thread::sleep_until (deadline);
            player.process (out, 2, 128);
            for (float v : left)
                energy += (double) v * v;
            if (block % 300 == 299)
                player.locate (0);
        }
    }
    const auto violations = disarmRealtimeGuard();
    done = true;
    editor.join();
    player.collectGarbage();

    INFO ("allocations " << violations.allocations << ", frees " << violations.frees << ", locks " << violations.locks);
    CHECK (violations.total() == 0);
    CHECK (player.swapsSeen() >= 10);
    CHECK (edits.load() >= 20);
    CHECK (player.underruns() == 0);
    CHECK (energy > 0.0);
}

TEST_CASE ("the guard does catch an allocation and a lock on a real-time thread", "[engine][realtime]")
{
    armRealtimeGuard();
    {
        RealtimeScope audioThread;
        volatile size_t size = 3;   // opaque, so the compiler cannot elide the allocation
        std::vector<int> v (size);
        v[1] = 2;
        std::mutex m;
        m.lock();
        m.unlock();
    }
    const auto v = disarmRealtimeGuard();
    CHECK (v.allocations == 1);
    CHECK (v.frees == 1);
    CHECK (v.locks == 1);
}
