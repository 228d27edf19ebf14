#pragma once
/** Level conversions, spelled once. Each is the exact expression its callers wrote out before
    (pow (10, dB / 20), 20 log10), so moving a caller here changes no result in the last bit.
    All @realtime (pure arithmetic).
*/
#include <cmath>

namespace loopstage::dsp
{
/** Linear amplitude gain of `db` decibels. */
inline double dbToGain (double db) noexcept { return std::pow (10.0, db / 20.0); }

/** Decibels of a linear amplitude `gain`; -inf for 0. */
inline double gainToDb (double gain) noexcept { return 20.0 * std::log10 (gain); }

/** Power (energy) ratio of `db` decibels. */
inline double dbToPower (double db) noexcept { return std::pow (10.0, db / 10.0); }

/** Decibels of a power (energy) ratio; -inf for 0. */
inline double powerToDb (double power) noexcept { return 10.0 * std::log10 (power); }
} // namespace loopstage::dsp
