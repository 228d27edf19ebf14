#include "Session/SessionWarnings.h"
#include "Base/Format.h"
#include "Dsp/ChannelMap.h"

namespace loopstage::session
{
std::string channelNote (const Session& s, const Region& r)
{
    const auto* track = s.findTrack (r.track);
    if (track == nullptr || ! r.sourceChannels || ! r.channelMap.empty())
        return {};
    const auto fold = dsp::channelFoldNote (*r.sourceChannels, track->channels);
    return fold.empty() ? fold : fold + " (a channel_map picks channels instead)";
}

std::vector<std::string> sessionWarnings (const Session& s)
{
    std::vector<std::string> warnings;
    for (auto& r : s.regions)
    {
        if (! std::filesystem::exists (r.file))
            warnings.push_back (r.id + ": file missing: " + r.file.string());
        if (r.sourceSampleRate && *r.sourceSampleRate != s.sampleRate)
            warnings.push_back (r.id + ": file is " + fixed (*r.sourceSampleRate, 0) + " Hz, the session " + fixed (s.sampleRate, 0)
                                + " Hz: converted as it plays and renders");
        if (const auto note = channelNote (s, r); ! note.empty())
            warnings.push_back (r.id + ": " + note);
    }
    for (auto& t : s.tracks)
        if (t.kind == TrackKind::mx)
            for (auto& r : s.regions)
                if (r.track == t.id && r.musicCue.empty())
                    warnings.push_back (r.id + ": music region with no music cue (not in the licence register)");
    for (auto& m : s.music)
        if (m.licence != LicenceType::own && m.licenceId.empty())
            warnings.push_back ("music " + m.id + ": " + toString (m.licence) + " cue without a licence id");
    return warnings;
}
} // namespace loopstage::session
