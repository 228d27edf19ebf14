#include "Session/SessionWarnings.h"
#include "Base/Format.h"

namespace loopstage::session
{
std::vector<std::string> sessionWarnings (const Session& s)
{
    std::vector<std::string> warnings;
    for (auto& r : s.regions)
    {
        if (! std::filesystem::exists (r.file))
            warnings.push_back (r.id + ": file missing: " + r.file.string());
        if (r.sourceSampleRate && *r.sourceSampleRate != s.sampleRate)
            warnings.push_back (r.id + ": file is " + fixed (*r.sourceSampleRate, 0) + " Hz, the session " + fixed (s.sampleRate, 0) + " Hz");
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
