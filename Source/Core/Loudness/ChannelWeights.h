#pragma once
/** BS.1770 channel weights by channel count: 1 mono, 2 L R, 6 L R C LFE Ls Rs (LFE excluded,
    surrounds +1.5 dB, i.e. 1.41). Other counts weigh every channel 1.0 (and `qc` flags the
    layout as unknown). */
#include <string>
#include <cstddef>
#include <vector>

namespace loopstage::loudness
{
std::vector<double> channelWeights (int channels);

/** "mono", "stereo", "5.1" or "<n> channels". */
std::string layoutName (int channels);

/** True for the layouts BS.1770 defines weights for (1, 2, 6 channels). */
bool isKnownLayout (int channels) noexcept;
} // namespace loopstage::loudness
