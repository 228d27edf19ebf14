#pragma once
/** Catches what must never happen on the audio thread: heap allocation and mutex locks.

    The engine test binary replaces malloc/calloc/realloc/free, the global operator new/delete
    and pthread_mutex_lock (symbol interposition, forwarding to glibc). A thread marked real-time
    (RealtimeScope, or markThreadRealtime() for engine workers) counts every such call while the
    guard is armed. Learned from Ardour's DEBUG_RT_ALLOC and Tracktion's rtcheck.
*/
#include <cstdint>

namespace loopstage::test
{
struct RealtimeViolations
{
    std::uint64_t allocations = 0, frees = 0, locks = 0;
    std::uint64_t total() const noexcept { return allocations + frees + locks; }
};

/** Starts counting (and zeroes the counters). */
void armRealtimeGuard() noexcept;
/** Stops counting and returns what was counted. */
RealtimeViolations disarmRealtimeGuard() noexcept;

/** This thread is real-time from now on (for worker threads). */
void markThreadRealtime() noexcept;

/** This thread is real-time inside the scope. */
class RealtimeScope
{
public:
    RealtimeScope() noexcept;
    ~RealtimeScope() noexcept;

private:
    bool was;
};
} // namespace loopstage::test
