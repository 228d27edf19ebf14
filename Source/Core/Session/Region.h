#pragma once
/** A region: a piece of an audio file placed on a track.

    Times are seconds: `position` on the session timeline (0 = the session's start timecode),
    `sourceOffset` into the file, `length` of the piece. Fades run from the region's start and
    end inwards. In memory `file` is absolute once a session is loaded; on disk it is relative to
    the session file's folder when the file is inside it.
*/
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace loopstage::session
{
enum class FadeShape
{
    linear,      ///< gain = x
    equalPower   ///< gain = sin(x * pi / 2): overlapping fades keep constant power
};

std::string toString (FadeShape shape);   ///< "linear", "equal-power"
std::optional<FadeShape> parseFadeShape (const std::string& name);

struct Region
{
    std::string id;
    std::string track;              ///< id of the track it plays on
    std::filesystem::path file;
    double sourceOffset = 0.0;      ///< seconds into the file where playback starts
    double position = 0.0;          ///< seconds on the timeline
    double length = 0.0;            ///< seconds
    double gainDb = 0.0;
    double fadeIn = 0.0;            ///< seconds
    double fadeOut = 0.0;           ///< seconds
    FadeShape fadeInShape = FadeShape::linear;
    FadeShape fadeOutShape = FadeShape::linear;
    std::string musicCue;           ///< MX: id of the MusicCue in the licence register, or empty
    /** Which file channel (1-based; 0: silence) each track channel plays, one entry per track
        channel; empty: the automatic rules (Dsp/ChannelMap.h: stereo on mono summed at -3 dB,
        5.1 on stereo downmixed per ITU-R BS.775, ...). *(version 3)* */
    std::vector<int> channelMap;

    /** The file's header facts when the region was made (reported by `session info`; a rate
        other than the session's is converted as it plays and renders, Engine/Playlist.h). */
    std::optional<double> sourceSampleRate;
    std::optional<int> sourceChannels;

    double end() const noexcept { return position + length; }

    bool operator== (const Region&) const = default;
};
} // namespace loopstage::session
