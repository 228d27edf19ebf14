#pragma once
/** Numbers in messages and reports, formatted the same way everywhere. */
#include <string>

namespace loopstage
{
/** `value` with exactly `decimals` places ("%.*f"): "3.142" for (3.14159, 3). */
std::string fixed (double value, int decimals);
} // namespace loopstage
