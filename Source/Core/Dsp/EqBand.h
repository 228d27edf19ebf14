#pragma once
/** One band of the parametric equaliser (Equaliser.h); its biquad is designBand() in
    BiquadDesign.h. */
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
} // namespace loopstage::dsp
