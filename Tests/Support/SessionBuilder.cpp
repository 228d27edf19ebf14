#include "Support/SessionBuilder.h"

#include <stdexcept>

namespace loopstage::test
{
SessionBuilder::SessionBuilder (double sampleRate) : session (session::Session::withDefaultStems())
{
    session.sampleRate = sampleRate;
}

SessionBuilder& SessionBuilder::name (const std::string& name)
{
    session.name = name;
    return *this;
}

SessionBuilder& SessionBuilder::frameRate (const std::string& rate)
{
    session.frameRate = timecode::FrameRate::parse (rate);
    return *this;
}

SessionBuilder& SessionBuilder::startTimecode (const timecode::Timecode& start)
{
    session.startTimecode = start;
    return *this;
}

SessionBuilder& SessionBuilder::delivery (const session::DeliverySpec& spec)
{
    session.delivery = spec;
    return *this;
}

SessionBuilder& SessionBuilder::track (const std::string& id, session::TrackKind kind, int channels,
                                       const std::function<void (session::Track&)>& edit)
{
    session::Track t;
    t.id = id;
    t.name = id;
    t.kind = kind;
    t.channels = channels;
    t.output = session.defaultOutputFor (kind);
    if (edit)
        edit (t);
    session.tracks.push_back (t);
    return *this;
}

SessionBuilder& SessionBuilder::region (const std::string& track, const std::filesystem::path& file, double position,
                                        double length, const std::function<void (session::Region&)>& edit)
{
    // A typo in a test's track id would otherwise surface as a puzzling validation error later.
    if (session.findTrack (track) == nullptr)
        throw std::logic_error ("SessionBuilder: region on track '" + track + "', which was not added");
    session::Region r;
    r.id = "r-" + track;
    for (int n = 2; session.findRegion (r.id) != nullptr; ++n)
        r.id = "r-" + track + "-" + std::to_string (n);
    r.track = track;
    r.file = file;
    r.position = position;
    r.length = length;
    if (edit)
        edit (r);
    session.regions.push_back (r);
    return *this;
}

SessionBuilder& SessionBuilder::bus (const std::string& id, int channels, const std::string& output,
                                     const std::function<void (session::Bus&)>& edit)
{
    session::Bus b;
    b.id = id;
    b.name = id;
    b.channels = channels;
    b.output = output;
    if (edit)
        edit (b);
    session.buses.push_back (b);
    return *this;
}

SessionBuilder& SessionBuilder::music (const session::MusicCue& cue)
{
    session.music.push_back (cue);
    return *this;
}

SessionBuilder& SessionBuilder::with (const std::function<void (session::Session&)>& edit)
{
    edit (session);
    return *this;
}
} // namespace loopstage::test
