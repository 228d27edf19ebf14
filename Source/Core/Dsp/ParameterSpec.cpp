#include "Dsp/ParameterSpec.h"

#include <cmath>
#include <sstream>

namespace loopstage::dsp
{
namespace
{
    std::string number (double v)
    {
        std::ostringstream s;
        s << v;
        return s.str();
    }
} // namespace

std::string rangeProblem (const ParameterSpec& spec, double value, double sampleRate)
{
    const double maximum = spec.belowNyquist ? std::min (spec.maximum, sampleRate / 2.0) : spec.maximum;
    const bool low = spec.minimumExclusive ? ! (value > spec.minimum) : ! (value >= spec.minimum);
    const bool high = spec.belowNyquist ? ! (value < maximum) : ! (value <= maximum);
    if (! low && ! high)
        return {};
    const std::string unit = *spec.unit != '\0' && *spec.unit != ':' ? std::string (" ") + spec.unit : std::string();
    const std::string above = spec.minimumExclusive ? "above " : "at least ";
    const std::string below = spec.belowNyquist ? "below " : "at most ";
    std::string range;
    if (std::isinf (spec.minimum))
        range = below + number (maximum) + unit + (spec.belowNyquist ? " (half the sample rate)" : "");
    else if (std::isinf (maximum))
        range = above + number (spec.minimum) + unit;
    else
        range = above + number (spec.minimum) + " and " + below + number (maximum) + unit
                + (spec.belowNyquist ? " (half the sample rate)" : "");
    return "must be " + range + ", not " + number (value);
}
} // namespace loopstage::dsp
