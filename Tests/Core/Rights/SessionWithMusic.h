#pragma once
// A small session with a score cue (our own) and a licensed song on an MX track, for the
// rights and cue-sheet tests.
#include "Session/Session.h"
#include "Support/SessionBuilder.h"

namespace loopstage::test
{
inline session::Session sessionWithMusic()
{
    session::MusicCue theme;
    theme.id = "1M01";
    theme.title = "Night Shift Theme";
    theme.composer = "LoopStage";
    theme.publisher = "LoopStage";
    theme.licence = session::LicenceType::own;
    theme.usage = "background";

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

    const auto cue = [] (const char* regionId, const char* musicCue)
    {
        return [=] (session::Region& r)
        {
            r.id = regionId;
            r.musicCue = musicCue;
        };
    };
    return SessionBuilder()
        .frameRate ("25")
        .startTimecode ({ 1, 0, 0, 0 })
        .track ("mx-1", session::TrackKind::mx, 2, [] (session::Track& t) { t.name = "Score"; })
        .music (theme)
        .music (song)
        // Listed out of timeline order on purpose: the cue sheet sorts by time.
        .region ("mx-1", "/media/radio.wav", 40.0, 6.5, cue ("r-song", "1M02"))
        .region ("mx-1", "/media/score.wav", 0.0, 30.0, cue ("r-theme", "1M01"))
        .delivery ({ "ebu-r128", "GB", { "broadcast" } })
        .build();
}
} // namespace loopstage::test
