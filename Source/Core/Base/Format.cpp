#include "Base/Format.h"

#include <cstdio>

namespace loopstage
{
std::string fixed (double value, int decimals)
{
    char text[64];
    std::snprintf (text, sizeof (text), "%.*f", decimals, value);
    return text;
}
} // namespace loopstage
