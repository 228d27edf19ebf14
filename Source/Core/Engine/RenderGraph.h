#pragma once
/** An immutable render graph snapshot: every strip of a compiled MixPlan as a node, in
    topological order, with its buffers allocated.

    Learned from Tracktion's tracktion_graph and Ardour's process graph: a snapshot is built and
    prepared off the audio thread (GraphCompiler), handed to the audio thread wait-free (Player),
    processed without allocating, and freed off the audio thread after it is replaced. State that
    must survive an edit (insert state, delay-compensation lines, meters, read-ahead streams) is
    held by shared pointers keyed by stable ids, which the next snapshot adopts; only one snapshot
    is ever processed at a time, so adopting is safe.

    Parallel processing: a node becomes ready when all its producers are done (an atomic count per
    node); ready nodes go to a lock-free queue that the audio thread and the workers drain.
*/
#include "Engine/ReadyQueue.h"
#include "Engine/StripNode.h"
#include "Engine/WorkerPool.h"

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace loopstage::engine
{
class RenderGraph : public ParallelJob
{
public:
    double sampleRate = 48000.0;
    int maxBlock = 1024;
    std::vector<std::unique_ptr<StripNode>> nodes;   ///< topological order
    int master = -1;                                 ///< index of the master node
    std::vector<int> stems;                          ///< stem node indices, in plan order

    /** What the next compile adopts, by stable id (read-only once compiled). */
    std::map<std::string, std::shared_ptr<InsertProcessor>> insertsById;
    std::map<std::string, std::shared_ptr<DelayLine>> compensationById;
    std::map<std::string, std::shared_ptr<StripMeter>> metersById;
    struct PlaylistEntry
    {
        std::vector<PlanRegion> regions;
        std::shared_ptr<Playlist> playlist;
    };
    std::map<std::string, PlaylistEntry> playlistsById;

    /** Player's retired list (set by the audio thread once it has let go of this snapshot). */
    RenderGraph* nextRetired = nullptr;

    /** Samples from the timeline to the master's output (plug-in delay compensation). */
    int latency() const noexcept { return master >= 0 ? nodes[(size_t) master]->latency : 0; }

    /** Allocates the scheduler; call once the nodes are wired. Not realtime. */
    void prepareScheduler();

    /** Processes the timeline [frame, frame + count) in blocks of at most maxBlock; the master's
        and stems' output() then hold the last sub-block. With `pool` null or without workers,
        nodes run in order on this thread. @realtime */
    void process (std::int64_t frame, int count, WorkerPool* pool) noexcept;

    /** Processes one block of at most maxBlock samples. @realtime */
    void processBlock (std::int64_t frame, int count, WorkerPool* pool) noexcept;

    // ParallelJob
    bool runOne() noexcept override;
    bool finished() const noexcept override { return remaining.load (std::memory_order_acquire) == 0; }

private:
    std::unique_ptr<std::atomic<int>[]> pending;
    std::vector<int> sources;                        ///< nodes without producers
    std::unique_ptr<ReadyQueue> ready;
    std::atomic<int> remaining { 0 };
    std::int64_t blockFrame = 0;
    int blockCount = 0;
};
} // namespace loopstage::engine
