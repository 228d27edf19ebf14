#pragma once
/** A compiled automation lane: sample-accurate values as a pure function of the timeline sample.

    The value at sample f is exact and does not depend on how the timeline is cut into blocks:
    between breakpoints (f0, v0) and (f1, v1) it is v0 + (v1 - v0) * (f - f0) / (f1 - f0),
    computed in double; before the first point it holds the first value, after the last the
    last. Two points at one frame make a step (the later one wins from that frame on).
*/
#include "Engine/MixPlan.h"

#include <cstdint>
#include <vector>

namespace loopstage::engine
{
class Automation
{
public:
    Automation() = default;
    /** Copies and sorts the lane (stable, so equal frames keep their order). Not realtime. */
    explicit Automation (const AutomationLane& lane);

    bool isAutomated() const noexcept { return ! points.empty(); }

    /** @realtime */
    double valueAt (std::int64_t frame) const noexcept;

    /** True (and the value) when the lane does not change over [start, start + count).
        @realtime */
    bool constantOver (std::int64_t start, int count, double& value) const noexcept;

    /** values[i] = valueAt (start + i) for i < count, walking segments instead of searching.
        @realtime */
    void fill (std::int64_t start, int count, double* values) const noexcept;

private:
    std::vector<AutomationPoint> points;
    /** Index of the last point with frame <= f, or -1 before the first. */
    int segmentAt (std::int64_t frame) const noexcept;
};
} // namespace loopstage::engine
