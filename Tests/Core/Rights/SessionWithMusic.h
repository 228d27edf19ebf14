#pragma once
// A small session with a score cue (our own) and a licensed song on an MX track, for the
// rights and cue-sheet tests.
#include "Session/Session.h"

namespace loopstage::test
{
inline session::Session sessionWithMusic()
{
    auto s = session::Session::withDefaultStems();
    s.frameRate = timecode::FrameRate::parse ("25");
    s.startTimecode = { 1, 0, 0, 0 };

    session::Track mx;
    mx.id = "mx-1";
    mx.name = "Score";
    mx.kind = session::TrackKind::mx;
    mx.output = s.defaultOutputFor (session::TrackKind::mx);
    s.tracks.push_back (mx);

    session::MusicCue theme;
    theme.id = "1M01";
    theme.title = "Night Shift Theme";
    theme.composer = "LoopStage";
    theme.publisher = "LoopStage";
    theme.licence = session::LicenceType::own;
    theme.usage = "background";
    s.music.push_back (theme);

    session::MusicCue song;
    song.id = "1M02";
    song.title = "Radio, Radio";
    song.composer = "A. Writer";
    song.publisher = "Big Songs Ltd";
    song.licence = session::LicenceType::licensed;
    song.licenceId = "SYNC-2026-114";
    song.territories = { "world" };
    song.termStart = "2026-01-01";
    song.termEnd = "2027-12-31";
    song.media = { "broadcast", "svod" };
    song.usage = "source";
    s.music.push_back (song);

    session::Region a;
    a.id = "r-theme";
    a.track = "mx-1";
    a.file = "/media/score.wav";
    a.position = 0.0;
    a.length = 30.0;
    a.musicCue = "1M01";
    session::Region b = a;
    b.id = "r-song";
    b.file = "/media/radio.wav";
    b.position = 40.0;
    b.length = 6.5;
    b.musicCue = "1M02";
    s.regions = { b, a };

    s.delivery = session::DeliverySpec { "ebu-r128", "GB", { "broadcast" } };
    return s;
}
} // namespace loopstage::test
