#pragma once
/** How long an audio device's callbacks take against their period, measured two ways.

    Wall time is what the device sees: a callback longer than the period is a dropout. The
    callback thread's CPU time is the work it did. They part on a virtual machine or a loaded
    host: a thread stalled by the hypervisor or preempted by the OS runs long on the wall
    clock (and the server calls it an xrun) without the engine doing any more work. Counting
    both tells an engine too slow for its buffer from a machine that did not keep time.

    begin() and end() run on the audio thread (@realtime: two clock reads, relaxed atomics); the
    counters may be read from any thread.
*/
#include <array>
#include <atomic>
#include <cstdint>

namespace loopstage
{
class CallbackTiming
{
public:
    /** The callback's period (buffer / rate), in microseconds. */
    void setPeriod (double micros) noexcept { periodMicros.store (micros, std::memory_order_relaxed); }

    struct Start
    {
        std::int64_t wallNanos = 0, cpuNanos = 0;
    };
    /** @realtime */
    static Start begin() noexcept;
    /** @realtime */
    void end (const Start&) noexcept;

    std::uint64_t callbacks() const noexcept { return calls.load(); }
    /** Callbacks that ran longer than the period on the wall clock. */
    std::uint64_t lateCallbacks() const noexcept { return late.load(); }
    /** Callbacks whose own CPU time exceeded the period: work the engine could not do in time
        on any machine this fast. */
    std::uint64_t overBudgetCallbacks() const noexcept { return overBudget.load(); }
    double longestMicros() const noexcept { return longestWall.load(); }
    double longestCpuMicros() const noexcept { return longestCpu.load(); }
    double period() const noexcept { return periodMicros.load(); }
    /** The CPU time that fraction q (0..1) of the callbacks stayed within, in microseconds, to a
        64th of the period (a callback beyond four periods counts as four). Outliers aside, this
        is the engine's headroom: a few callbacks stretched by a stolen vCPU do not move it. */
    double cpuPercentileMicros (double q) const noexcept;

private:
    static constexpr int bucketsPerPeriod = 64, buckets = 4 * bucketsPerPeriod;
    std::array<std::atomic<std::uint64_t>, buckets + 1> cpuHistogram {};
    std::atomic<double> periodMicros { 1e12 }, longestWall { 0.0 }, longestCpu { 0.0 };
    std::atomic<std::uint64_t> calls { 0 }, late { 0 }, overBudget { 0 };
};
} // namespace loopstage
