#pragma once
/** How a region's file channels reach its track's channels: the rules every DAW user expects
    when a file's layout differs from the track's, and the explicit pick a session may store
    instead (`channel_map`, docs/SESSION_FORMAT.md "Channel maps").

    Layouts: 1 mono, 2 stereo (L R), 6 5.1 in SMPTE/ITU order (L R C LFE Ls Rs).
    The automatic rules, by file -> track:
    - same count: each file channel to the same track channel (bit-exact).
    - mono -> any: dual mono, the file at unity in every channel (mono -> 5.1: the centre only,
      where dialogue sits).
    - stereo -> mono: (L + R) * 0.7071, the sum at -3 dB: a centred source keeps its level and a
      hard-panned one loses 3 dB, never the silent drop of R.
    - 5.1 -> stereo: ITU-R BS.775 downmix, L' = L + 0.7071 C + 0.7071 Ls, R' = R + 0.7071 C +
      0.7071 Rs, LFE dropped (the same coefficients as the engine's 5.1 -> stereo pan law).
    - 5.1 -> mono: that stereo downmix summed at -3 dB.
    - stereo -> 5.1: L -> L, R -> R.
    - any other pair: file channel c -> track channel c; file channels beyond the track's are
      dropped, track channels beyond the file's are silent.
    Rules that sum or drop channels are reported (channelFoldNote) so the user knows a fold
    happened and can pick a channel instead. Nothing here normalises: a downmix of loud,
    correlated channels can exceed full scale, as on a console's fold-down.
*/
#include <string>
#include <vector>

namespace loopstage::dsp
{
/** gain (t, f): how much of file channel f is in track channel t. */
struct ChannelMatrix
{
    int fileChannels = 1, trackChannels = 1;
    std::vector<double> gains;   ///< [t * fileChannels + f]

    double gain (int trackChannel, int fileChannel) const noexcept
    {
        return gains[(size_t) (trackChannel * fileChannels + fileChannel)];
    }
};

/** The automatic rules above. */
ChannelMatrix automaticChannelMap (int fileChannels, int trackChannels);

/** An explicit pick: track channel t plays file channel picks[t] (0-based) at unity, or
    silence for -1. Throws InputError when picks has not one entry per track channel or names
    a channel the file does not have (the caller adds the file's name). */
ChannelMatrix pickedChannelMap (int fileChannels, int trackChannels, const std::vector<int>& picks);

/** What the automatic rules do when they fold or drop channels, for a warning, e.g. "2-channel
    file on a 1-channel track: summed to mono at -3 dB"; empty when every file channel plays
    as it is (same count, mono spread, stereo into 5.1). */
std::string channelFoldNote (int fileChannels, int trackChannels);
} // namespace loopstage::dsp
