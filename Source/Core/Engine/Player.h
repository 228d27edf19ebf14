#pragma once
/** Live playback of a mix: the audio callback's side of the engine.

    setPlan() (message thread) compiles a new RenderGraph snapshot off the audio thread and posts
    it; the audio thread picks it up at the start of its next block with one atomic exchange
    (wait-free) and posts the one it replaced back for the message thread to free: nothing is
    allocated or freed on the audio thread. Transport (play, stop, locate) is atomics too.
    Read-ahead runs on the DiskStreamer's own thread.
*/
#include "Engine/GraphCompiler.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace loopstage::engine
{
struct PlayerOptions
{
    double sampleRate = 48000.0;
    int maxBlock = 1024;                   ///< largest callback size
    int workers = 0;                       ///< helper threads besides the audio thread
    double readAheadSeconds = 1.0;
    std::function<void()> workerStarted;   ///< runs first on each worker (tests)
};

class Player
{
public:
    explicit Player (const PlayerOptions& options);
    ~Player();

    /** Message thread: compiles and posts `plan`. Throws InputError (and changes nothing) when it
        does not compile. The first plan starts the disk thread. */
    void setPlan (const MixPlan& plan);

    /** Message thread: frees snapshots the audio thread has let go of. setPlan() calls it too. */
    void collectGarbage();

    /** Message thread: start/stop rolling; locate() takes effect at the next block. */
    void play() noexcept { rolling.store (true); }
    void stop() noexcept { rolling.store (false); }
    void locate (std::int64_t frame) noexcept { locateRequest.store (frame); }
    /** Message thread, while stopped: move the transport and fill every read-ahead ring there,
        so playback starts without a dropout. */
    void preroll (std::int64_t frame);

    /** Audio thread: renders `count` samples of the master into out[0..outChannels) (channels
        beyond the master's are silent) and advances the transport. @realtime */
    void process (float* const* out, int outChannels, int count) noexcept;

    std::int64_t position() const noexcept { return playhead.load (std::memory_order_relaxed); }
    std::uint64_t underruns() const { return streamer.underruns(); }
    /** The first file the disk thread could not read (that track fell silent), or empty. */
    std::string diskError() const { return streamer.readErrorMessage(); }
    std::uint64_t swapsSeen() const noexcept { return swaps.load (std::memory_order_relaxed); }

    /** GUI: a strip's meter in the newest snapshot (null for an unknown id). */
    std::shared_ptr<StripMeter> meter (const std::string& stripId) const;

private:
    PlayerOptions options;
    DiskStreamer streamer;
    std::unique_ptr<WorkerPool> pool;

    // Message thread.
    mutable std::mutex messageLock;
    std::vector<std::unique_ptr<RenderGraph>> alive;   ///< every snapshot not yet freed
    RenderGraph* latest = nullptr;                     ///< newest compiled (adopted from next time)

    // Hand-over: incoming is posted by the message thread; retired is a lock-free stack of the
    // snapshots the audio thread let go of (linked through RenderGraph::nextRetired).
    std::atomic<RenderGraph*> incoming { nullptr }, retired { nullptr };

    // Audio thread.
    RenderGraph* playing = nullptr;
    std::atomic<std::int64_t> playhead { 0 }, locateRequest { -1 };
    std::atomic<bool> rolling { false };
    std::atomic<std::uint64_t> swaps { 0 };

    void release (RenderGraph* graph);
};
} // namespace loopstage::engine
