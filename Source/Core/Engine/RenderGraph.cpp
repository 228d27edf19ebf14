#include "Engine/RenderGraph.h"

#include <algorithm>

namespace loopstage::engine
{
void RenderGraph::prepareScheduler()
{
    pending = std::make_unique<std::atomic<int>[]> (nodes.size());
    sources.clear();
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i]->producers == 0)
            sources.push_back ((int) i);
    ready = std::make_unique<ReadyQueue> (nodes.size() + 1);
}

void RenderGraph::process (std::int64_t frame, int count, WorkerPool* pool) noexcept
{
    while (count > 0)
    {
        const int n = std::min (count, maxBlock);
        processBlock (frame, n, pool);
        frame += n;
        count -= n;
    }
}

void RenderGraph::processBlock (std::int64_t frame, int count, WorkerPool* pool) noexcept
{
    if (pool == nullptr || pool->workers() == 0)
    {
        for (auto& node : nodes)
            node->process (frame, count);
        return;
    }
    blockFrame = frame;
    blockCount = count;
    ready->reset();
    for (size_t i = 0; i < nodes.size(); ++i)
        pending[i].store (nodes[i]->producers, std::memory_order_relaxed);
    for (int s : sources)
        ready->push (s);
    remaining.store ((int) nodes.size(), std::memory_order_release);
    pool->run (*this);
}

bool RenderGraph::runOne() noexcept
{
    int index = -1;
    if (! ready->pop (index))
        return false;
    auto& node = *nodes[(size_t) index];
    node.process (blockFrame, blockCount);
    for (int consumer : node.consumers)
        if (pending[(size_t) consumer].fetch_sub (1, std::memory_order_acq_rel) == 1)
            ready->push (consumer);
    remaining.fetch_sub (1, std::memory_order_acq_rel);
    return true;
}
} // namespace loopstage::engine
