#include "Loudness/ChannelWeights.h"

namespace loopstage::loudness
{
std::vector<double> channelWeights (int channels)
{
    std::vector<double> w ((size_t) (channels > 0 ? channels : 0), 1.0);
    if (channels == 6)
    {
        w[3] = 0.0;     // LFE
        w[4] = 1.41;    // Ls (+1.5 dB)
        w[5] = 1.41;    // Rs
    }
    return w;
}

std::string layoutName (int channels)
{
    switch (channels)
    {
        case 1: return "mono";
        case 2: return "stereo";
        case 6: return "5.1";
        default: return std::to_string (channels) + " channels";
    }
}

bool isKnownLayout (int channels) noexcept
{
    return channels == 1 || channels == 2 || channels == 6;
}
} // namespace loopstage::loudness
