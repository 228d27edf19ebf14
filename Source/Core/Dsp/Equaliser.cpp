#include "Dsp/Equaliser.h"
#include "Base/Error.h"
#include "Dsp/BiquadDesign.h"

#include <algorithm>
#include <string>

namespace loopstage::dsp
{
Equaliser::Equaliser (const std::vector<EqBand>& bands, int channels, double sampleRate) : numChannels (channels)
{
    if (bands.size() > 8)
        throw InputError ("an equaliser has at most 8 bands");
    for (const auto& band : bands)
    {
        if (! (band.frequency > 0.0 && band.frequency < sampleRate / 2.0))
            throw InputError ("equaliser band at " + std::to_string (band.frequency) + " Hz is outside 0.." + std::to_string (sampleRate / 2.0) + " Hz");
        if (! (band.q > 0.0))
            throw InputError ("equaliser band Q must be positive");
        sections.push_back (designBand (band, sampleRate));
    }
    state.assign ((size_t) channels * sections.size(), { 0.0, 0.0 });
}

void Equaliser::process (float* const* channels, int channelCount, int count) noexcept
{
    const size_t n = sections.size();
    for (int c = 0; c < std::min (channelCount, numChannels); ++c)
    {
        float* x = channels[c];
        for (size_t s = 0; s < n; ++s)
        {
            const auto k = sections[s];
            auto z = state[(size_t) c * n + s];
            for (int i = 0; i < count; ++i)
            {
                const double out = k.process (x[i], z[0], z[1]);
                // Flush tiny state per sample (not per block, which would make the output
                // depend on block size).
                flushDenormal (z[0]);
                flushDenormal (z[1]);
                x[i] = (float) out;
            }
            state[(size_t) c * n + s] = z;
        }
    }
}
} // namespace loopstage::dsp
