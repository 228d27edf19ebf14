#include "Base/CallbackTiming.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace loopstage
{
namespace
{
    std::int64_t nanos (clockid_t clock) noexcept
    {
        timespec ts {};
        clock_gettime (clock, &ts);
        return (std::int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
    }

    void raise (std::atomic<double>& longest, double value) noexcept
    {
        // Only the audio thread writes: no compare-exchange needed.
        if (value > longest.load (std::memory_order_relaxed))
            longest.store (value, std::memory_order_relaxed);
    }
} // namespace

CallbackTiming::Start CallbackTiming::begin() noexcept
{
    return { nanos (CLOCK_MONOTONIC), nanos (CLOCK_THREAD_CPUTIME_ID) };
}

void CallbackTiming::end (const Start& start) noexcept
{
    const double cpu = (double) (nanos (CLOCK_THREAD_CPUTIME_ID) - start.cpuNanos) * 1e-3;
    const double wall = (double) (nanos (CLOCK_MONOTONIC) - start.wallNanos) * 1e-3;
    const double period = periodMicros.load (std::memory_order_relaxed);
    calls.fetch_add (1, std::memory_order_relaxed);
    if (wall > period)
        late.fetch_add (1, std::memory_order_relaxed);
    if (cpu > period)
        overBudget.fetch_add (1, std::memory_order_relaxed);
    raise (longestWall, wall);
    raise (longestCpu, cpu);
    const auto bucket = std::min<double> (buckets, std::ceil (cpu / period * bucketsPerPeriod));
    cpuHistogram[(size_t) bucket].fetch_add (1, std::memory_order_relaxed);
}

double CallbackTiming::cpuPercentileMicros (double q) const noexcept
{
    const auto total = calls.load();
    if (total == 0)
        return 0.0;
    const auto wanted = (std::uint64_t) std::ceil (q * (double) total);
    std::uint64_t seen = 0;
    for (int b = 0; b <= buckets; ++b)
    {
        seen += cpuHistogram[(size_t) b].load();
        if (seen >= wanted)
            return periodMicros.load() * b / bucketsPerPeriod;
    }
    return periodMicros.load() * buckets / bucketsPerPeriod;
}
} // namespace loopstage
