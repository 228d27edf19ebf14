#pragma once
/** A parametric equaliser: up to 8 bands of RBJ "Audio EQ Cookbook" biquads in series
    (high-pass, low shelf, peak, high shelf, low-pass), per channel, double precision state.

    Built-in Core DSP so the engine can mix without plug-ins; the Plugins/ work shares it.
*/
#include <array>
#include <vector>

namespace loopstage::dsp
{
struct EqBand
{
    enum class Type
    {
        highPass,
        lowShelf,
        peak,
        highShelf,
        lowPass
    };
    Type type = Type::peak;
    double frequency = 1000.0;   ///< Hz
    double gainDb = 0.0;         ///< shelves and peaks
    double q = 0.7071;
};

class Equaliser
{
public:
    /** Designs the bands for `sampleRate`; throws InputError for a frequency outside
        (0, Nyquist) or a non-positive Q. Not realtime. */
    Equaliser (const std::vector<EqBand>& bands, int channels, double sampleRate);

    /** @realtime */
    void process (float* const* channels, int numChannels, int count) noexcept;

private:
    struct Coefficients
    {
        double b0, b1, b2, a1, a2;
    };
    std::vector<Coefficients> sections;
    std::vector<std::array<double, 2>> state;   ///< [channel * sections + section]
    int numChannels;
};
} // namespace loopstage::dsp
