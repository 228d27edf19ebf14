#include "Dsp/ChannelMap.h"
#include "Base/Error.h"

#include <algorithm>

namespace loopstage::dsp
{
namespace
{
    constexpr double minus3dB = 0.70710678118654752440;
    enum Surround { L, R, C, LFE, Ls, Rs };

    ChannelMatrix silent (int fileChannels, int trackChannels)
    {
        return { fileChannels, trackChannels, std::vector<double> ((size_t) (fileChannels * trackChannels), 0.0) };
    }

    void set (ChannelMatrix& m, int t, int f, double g) { m.gains[(size_t) (t * m.fileChannels + f)] = g; }

    /** The BS.775 stereo fold-down of 5.1 into track channels `left` and `right`, scaled. */
    void downmix51 (ChannelMatrix& m, int left, int right, double scale)
    {
        set (m, left, L, scale);
        set (m, right, R, scale);
        for (int t : { left, right })
            set (m, t, C, m.gain (t, C) + minus3dB * scale);
        set (m, left, Ls, m.gain (left, Ls) + minus3dB * scale);
        set (m, right, Rs, m.gain (right, Rs) + minus3dB * scale);
    }
} // namespace

ChannelMatrix automaticChannelMap (int fileChannels, int trackChannels)
{
    auto m = silent (fileChannels, trackChannels);
    if (fileChannels == 1)
    {
        if (trackChannels == 6)
            set (m, C, 0, 1.0);
        else
            for (int t = 0; t < trackChannels; ++t)
                set (m, t, 0, 1.0);
    }
    else if (fileChannels == 2 && trackChannels == 1)
    {
        set (m, 0, L, minus3dB);
        set (m, 0, R, minus3dB);
    }
    else if (fileChannels == 6 && trackChannels == 2)
        downmix51 (m, 0, 1, 1.0);
    else if (fileChannels == 6 && trackChannels == 1)
        downmix51 (m, 0, 0, minus3dB);
    else
        for (int c = 0; c < std::min (fileChannels, trackChannels); ++c)
            set (m, c, c, 1.0);
    return m;
}

ChannelMatrix pickedChannelMap (int fileChannels, int trackChannels, const std::vector<int>& picks)
{
    if ((int) picks.size() != trackChannels)
        throw InputError ("channel map has " + std::to_string (picks.size()) + " entries for a " + std::to_string (trackChannels)
                          + "-channel track (one file channel, or null, per track channel)");
    auto m = silent (fileChannels, trackChannels);
    for (int t = 0; t < trackChannels; ++t)
    {
        const int f = picks[(size_t) t];
        if (f < -1 || f >= fileChannels)
            throw InputError ("channel map picks channel " + std::to_string (f + 1) + " of a " + std::to_string (fileChannels)
                              + "-channel file");
        if (f >= 0)
            set (m, t, f, 1.0);
    }
    return m;
}

std::string channelFoldNote (int fileChannels, int trackChannels)
{
    const auto what = std::to_string (fileChannels) + "-channel file on a " + std::to_string (trackChannels) + "-channel track: ";
    if (fileChannels == trackChannels || fileChannels == 1 || (fileChannels == 2 && trackChannels == 6))
        return {};
    if (fileChannels == 2 && trackChannels == 1)
        return what + "summed to mono at -3 dB";
    if (fileChannels == 6 && trackChannels == 2)
        return what + "ITU-R BS.775 downmix to stereo (LFE dropped)";
    if (fileChannels == 6 && trackChannels == 1)
        return what + "ITU-R BS.775 downmix summed to mono at -3 dB (LFE dropped)";
    if (fileChannels > trackChannels)
        return what + "file channels " + std::to_string (trackChannels + 1) + ".." + std::to_string (fileChannels) + " dropped";
    return {};
}
} // namespace loopstage::dsp
