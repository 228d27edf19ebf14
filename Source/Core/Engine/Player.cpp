#include "Engine/Player.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>

namespace loopstage::engine
{
Player::Player (const PlayerOptions& opts)
    : options (opts),
      streamer (std::max<std::int64_t> ((std::int64_t) std::ceil (opts.readAheadSeconds * opts.sampleRate), 4 * (std::int64_t) opts.maxBlock))
{
    pool = std::make_unique<WorkerPool> (options.workers, options.workerStarted);
}

Player::~Player()
{
    // The audio callback must be stopped by now (the device layer owns that order).
    streamer.stop();
    pool.reset();
    std::lock_guard<std::mutex> guard (messageLock);
    alive.clear();
}

void Player::release (RenderGraph* graph)
{
    alive.erase (std::remove_if (alive.begin(), alive.end(), [graph] (const auto& g) { return g.get() == graph; }), alive.end());
}

void Player::collectGarbage()
{
    std::lock_guard<std::mutex> guard (messageLock);
    for (auto* g = retired.exchange (nullptr, std::memory_order_acq_rel); g != nullptr;)
    {
        auto* next = g->nextRetired;
        release (g);
        g = next;
    }
}

void Player::setPlan (const MixPlan& plan)
{
    if (plan.sampleRate != options.sampleRate)
        throw InputError ("the mix runs at " + std::to_string ((int) plan.sampleRate) + " Hz but the player at "
                          + std::to_string ((int) options.sampleRate) + " Hz");
    collectGarbage();
    std::lock_guard<std::mutex> guard (messageLock);
    auto graph = compileGraph (plan, options.maxBlock, streamer, latest);
    latest = graph.get();
    alive.push_back (std::move (graph));
    if (auto* unplayed = incoming.exchange (latest, std::memory_order_acq_rel))
        release (unplayed);   // never picked up by the audio thread: it cannot be in use
    streamer.start();
}

void Player::preroll (std::int64_t frame)
{
    streamer.preroll (frame);
    playhead.store (frame);
    locateRequest.store (-1);
}

std::shared_ptr<StripMeter> Player::meter (const std::string& stripId) const
{
    std::lock_guard<std::mutex> guard (messageLock);
    if (latest == nullptr)
        return {};
    const auto it = latest->metersById.find (stripId);
    return it == latest->metersById.end() ? nullptr : it->second;
}

void Player::process (float* const* out, int outChannels, int count) noexcept
{
    if (auto* next = incoming.exchange (nullptr, std::memory_order_acq_rel))
    {
        if (playing != nullptr)
        {
            playing->nextRetired = retired.load (std::memory_order_relaxed);
            while (! retired.compare_exchange_weak (playing->nextRetired, playing, std::memory_order_acq_rel))
            {
            }
        }
        playing = next;
        swaps.fetch_add (1, std::memory_order_relaxed);
    }
    const auto locateTo = locateRequest.exchange (-1, std::memory_order_relaxed);
    if (locateTo >= 0)
        playhead.store (locateTo, std::memory_order_relaxed);

    if (playing == nullptr || ! rolling.load (std::memory_order_relaxed))
    {
        for (int c = 0; c < outChannels; ++c)
            std::fill (out[c], out[c] + count, 0.0f);
        return;
    }

    auto position = playhead.load (std::memory_order_relaxed);
    const auto& master = *playing->nodes[(size_t) playing->master];
    for (int done = 0; done < count;)
    {
        const int n = std::min (count - done, playing->maxBlock);
        playing->processBlock (position, n, pool.get());
        for (int c = 0; c < outChannels; ++c)
        {
            if (c < master.channels)
                std::copy (master.output()[c], master.output()[c] + n, out[c] + done);
            else
                std::fill (out[c] + done, out[c] + done + n, 0.0f);
        }
        position += n;
        done += n;
    }
    playhead.store (position, std::memory_order_relaxed);
}
} // namespace loopstage::engine
