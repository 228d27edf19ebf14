#pragma once
/** Picture frame rates as exact rationals (SMPTE 12M).

    29.97 is 30000/1001, never the float 29.97: a float drifts by a frame in under an hour, and
    an ADR loop must land on the same sample every pass. Drop-frame is a way of *counting*
    frames at 29.97 and 59.94 (skipping labels, not frames), so it is a flag on the rate.
*/
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loopstage::timecode
{
struct FrameRate
{
    std::int64_t numerator = 24;    ///< frames per `denominator` seconds
    std::int64_t denominator = 1;
    bool dropFrame = false;

    /** Frames per timecode second as labelled: 24, 25, 30, 48, 50 or 60. */
    int nominal() const noexcept;
    /** Frame labels skipped at each minute that is not a tenth minute (0, 2 or 4). */
    int droppedPerMinute() const noexcept;
    /** Labels in one 24-hour day: the modulus of timecode wrap. */
    std::int64_t framesPerDay() const noexcept;
    double framesPerSecond() const noexcept { return (double) numerator / (double) denominator; }

    /** The CLI name: "23.976", "29.97df", "25" ... */
    std::string name() const;

    /** Parses a name from `all()` (also "23.98"); throws InputError for unknown or
        non-existent rates such as "23.976df". */
    static FrameRate parse (std::string_view name);

    /** Every rate LoopStage supports, in the CLI's order. */
    static const std::vector<FrameRate>& all();

    bool operator== (const FrameRate&) const = default;
};
} // namespace loopstage::timecode
