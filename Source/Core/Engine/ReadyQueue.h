#pragma once
/** A bounded lock-free multi-producer multi-consumer queue of node indices (Dmitry Vyukov's
    design): the graph's ready list when several threads process one block. Each cell carries a
    sequence number, so push and pop are one compare-and-swap each and never wait on another
    thread. Capacity is fixed at construction (a power of two). */
#include <atomic>
#include <cstddef>
#include <memory>

namespace loopstage::engine
{
class ReadyQueue
{
public:
    explicit ReadyQueue (size_t minimumCapacity = 16)
    {
        while (capacity < minimumCapacity)
            capacity *= 2;
        cells = std::make_unique<Cell[]> (capacity);
        reset();
    }

    /** Only when no thread uses the queue. */
    void reset() noexcept
    {
        for (size_t i = 0; i < capacity; ++i)
            cells[i].sequence.store (i, std::memory_order_relaxed);
        head.store (0, std::memory_order_relaxed);
        tail.store (0, std::memory_order_relaxed);
    }

    /** @realtime */
    bool push (int value) noexcept
    {
        size_t pos = tail.load (std::memory_order_relaxed);
        for (;;)
        {
            Cell& cell = cells[pos & (capacity - 1)];
            const size_t seq = cell.sequence.load (std::memory_order_acquire);
            const auto diff = (std::ptrdiff_t) seq - (std::ptrdiff_t) pos;
            if (diff == 0)
            {
                if (tail.compare_exchange_weak (pos, pos + 1, std::memory_order_relaxed))
                {
                    cell.value = value;
                    cell.sequence.store (pos + 1, std::memory_order_release);
                    return true;
                }
            }
            else if (diff < 0)
                return false;
            else
                pos = tail.load (std::memory_order_relaxed);
        }
    }

    /** @realtime */
    bool pop (int& value) noexcept
    {
        size_t pos = head.load (std::memory_order_relaxed);
        for (;;)
        {
            Cell& cell = cells[pos & (capacity - 1)];
            const size_t seq = cell.sequence.load (std::memory_order_acquire);
            const auto diff = (std::ptrdiff_t) seq - (std::ptrdiff_t) (pos + 1);
            if (diff == 0)
            {
                if (head.compare_exchange_weak (pos, pos + 1, std::memory_order_relaxed))
                {
                    value = cell.value;
                    cell.sequence.store (pos + capacity, std::memory_order_release);
                    return true;
                }
            }
            else if (diff < 0)
                return false;
            else
                pos = head.load (std::memory_order_relaxed);
        }
    }

private:
    struct Cell
    {
        std::atomic<size_t> sequence { 0 };
        int value = 0;
    };
    size_t capacity = 16;
    std::unique_ptr<Cell[]> cells;
    alignas (64) std::atomic<size_t> head { 0 };
    alignas (64) std::atomic<size_t> tail { 0 };
};
} // namespace loopstage::engine
