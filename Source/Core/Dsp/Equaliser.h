#pragma once
/** A parametric equaliser: up to 8 bands of RBJ "Audio EQ Cookbook" biquads in series
    (high-pass, low shelf, peak, high shelf, low-pass), per channel, double precision state.

    The engine's built-in "eq" insert. Allocates in its constructor, so a band move means a new
    instance (no plug-in yet: docs/PLUGINS.md).
*/
#include "Dsp/Biquad.h"
#include "Dsp/EqBand.h"

#include <array>
#include <vector>

namespace loopstage::dsp
{
class Equaliser
{
public:
    /** Designs the bands for `sampleRate`; throws InputError for a frequency outside
        (0, Nyquist) or a non-positive Q. Not realtime. */
    Equaliser (const std::vector<EqBand>& bands, int channels, double sampleRate);

    /** @realtime */
    void process (float* const* channels, int numChannels, int count) noexcept;

private:
    std::vector<Biquad> sections;
    std::vector<std::array<double, 2>> state;   ///< [channel * sections + section]
    int numChannels;
};
} // namespace loopstage::dsp
