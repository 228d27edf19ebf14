#include "Engine/Automation.h"

#include <algorithm>

namespace loopstage::engine
{
Automation::Automation (const AutomationLane& lane) : points (lane.points)
{
    std::stable_sort (points.begin(), points.end(),
                      [] (const AutomationPoint& a, const AutomationPoint& b) { return a.frame < b.frame; });
}

int Automation::segmentAt (std::int64_t frame) const noexcept
{
    const auto after = std::upper_bound (points.begin(), points.end(), frame,
                                         [] (std::int64_t f, const AutomationPoint& p) { return f < p.frame; });
    return (int) (after - points.begin()) - 1;
}

static double interpolate (const AutomationPoint& a, const AutomationPoint& b, std::int64_t frame) noexcept
{
    return a.value + (b.value - a.value) * (double) (frame - a.frame) / (double) (b.frame - a.frame);
}

double Automation::valueAt (std::int64_t frame) const noexcept
{
    if (points.empty())
        return 0.0;
    const int i = segmentAt (frame);
    if (i < 0)
        return points.front().value;
    if (i + 1 >= (int) points.size())
        return points.back().value;
    return interpolate (points[(size_t) i], points[(size_t) i + 1], frame);
}

bool Automation::constantOver (std::int64_t start, int count, double& value) const noexcept
{
    if (points.empty())
        return false;
    const int first = segmentAt (start);
    const int last = segmentAt (start + count - 1);
    const int n = (int) points.size();
    // Entirely before the first point or after the last: holds.
    if (last < 0 || first >= n - 1)
    {
        value = last < 0 ? points.front().value : points.back().value;
        return true;
    }
    // Inside one flat segment.
    if (first == last && first >= 0 && points[(size_t) first].value == points[(size_t) first + 1].value)
    {
        value = points[(size_t) first].value;
        return true;
    }
    return false;
}

void Automation::fill (std::int64_t start, int count, double* values) const noexcept
{
    const int n = (int) points.size();
    int i = segmentAt (start);
    for (int k = 0; k < count; ++k)
    {
        const auto frame = start + k;
        while (i + 1 < n && points[(size_t) i + 1].frame <= frame)
            ++i;
        if (i < 0)
            values[k] = points.front().value;
        else if (i + 1 >= n)
            values[k] = points.back().value;
        else
            values[k] = interpolate (points[(size_t) i], points[(size_t) i + 1], frame);
    }
}
} // namespace loopstage::engine
