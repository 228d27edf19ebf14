#pragma once
/** Sessions for tests in a few lines, the way the app builds them: default stems, each track
    routed to the stem its kind belongs to, regions on tracks that exist.

    @code
    const auto s = SessionBuilder (48000).frameRate ("25")
                       .track ("dlg", session::TrackKind::dx, 1)
                       .region ("dlg", file, 0.5, 1.0)
                       .build();
    @endcode

    Anything the shorthand does not cover is set in the optional `edit` callbacks, so a test
    still states every value it depends on. */
#include "Session/Session.h"

#include <filesystem>
#include <functional>
#include <string>

namespace loopstage::test
{
class SessionBuilder
{
public:
    /** Session::withDefaultStems() (DX, FX and MX stems into the master) at `sampleRate`. */
    explicit SessionBuilder (double sampleRate = 48000.0);

    SessionBuilder& name (const std::string& name);
    SessionBuilder& frameRate (const std::string& rate);   ///< as FrameRate::parse reads it, e.g. "25", "23.976"
    SessionBuilder& startTimecode (const timecode::Timecode& start);
    SessionBuilder& delivery (const session::DeliverySpec& spec);

    /** A track named `id`, routed to Session::defaultOutputFor (kind), then `edit`ed. */
    SessionBuilder& track (const std::string& id, session::TrackKind kind, int channels,
                           const std::function<void (session::Track&)>& edit = {});

    /** A region of `file` on `track` (which must exist) from `position` for `length` seconds,
        id "r-<track>" ("r-<track>-2", ... when taken), then `edit`ed. */
    SessionBuilder& region (const std::string& track, const std::filesystem::path& file, double position, double length,
                            const std::function<void (session::Region&)>& edit = {});

    /** A bus (not a stem) feeding `output`, named `id`, then `edit`ed. */
    SessionBuilder& bus (const std::string& id, int channels, const std::string& output,
                         const std::function<void (session::Bus&)>& edit = {});

    SessionBuilder& music (const session::MusicCue& cue);

    /** Any other change to the whole session (master, picture, ADR cues). */
    SessionBuilder& with (const std::function<void (session::Session&)>& edit);

    session::Session build() const { return session; }

private:
    session::Session session;
};
} // namespace loopstage::test
