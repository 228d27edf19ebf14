#pragma once
/** The project document: everything a LoopStage project is, as plain values.

    Design notes
    - A Session is a value: copyable, comparable, no behaviour beyond look-ups. Editing goes
      through SessionDocument (undo/redo), files through SessionFile (atomic save, strict load),
      JSON through SessionJson; Mix/SessionToPlan turns a Session into the engine's MixPlan.
    - The timeline is in seconds from the session's start timecode (timeline 0 = startTimecode
      at frameRate). Timecodes (ADR cues, picture start) are labels at the session frame rate.
    - Ids are stable strings chosen once (new ids from nextId()); tracks, buses, stems and the
      master share one id space, as do regions, cues and takes each. Nothing refers by index.
    - The on-disk form (.lsession, JSON) and its versioning rule are docs/SESSION_FORMAT.md.
*/
#include "Session/AdrCue.h"
#include "Session/Bus.h"
#include "Session/MusicLicence.h"
#include "Session/Picture.h"
#include "Session/Region.h"
#include "Session/Track.h"
#include "Timecode/FrameRate.h"
#include "Timecode/Timecode.h"

#include <optional>
#include <string>
#include <vector>

namespace loopstage::session
{
/** The schema version this build writes and the newest it reads. */
inline constexpr int schemaVersion = 3;

struct Session
{
    std::string name = "Untitled";
    double sampleRate = 48000.0;
    timecode::FrameRate frameRate;                       ///< default 24
    timecode::Timecode startTimecode { 1, 0, 0, 0 };     ///< label of timeline 0
    std::optional<Picture> picture;
    std::vector<Track> tracks;
    std::vector<Region> regions;
    std::vector<Bus> buses;                              ///< buses and stems, stems in render order
    Bus master;                                          ///< the printmaster, id "master"
    std::vector<AdrCue> adrCues;
    std::vector<MusicCue> music;                         ///< the music licence register
    std::optional<DeliverySpec> delivery;

    Session();

    /** A new session with the DX, FX and MX stems feeding the master. */
    static Session withDefaultStems();

    // Look-ups by id: nullptr when absent.
    Track* findTrack (const std::string& id);
    const Track* findTrack (const std::string& id) const;
    Bus* findBus (const std::string& id);              ///< buses, stems and the master
    const Bus* findBus (const std::string& id) const;
    Region* findRegion (const std::string& id);
    const Region* findRegion (const std::string& id) const;
    AdrCue* findCue (const std::string& id);
    const AdrCue* findCue (const std::string& id) const;
    Take* findTake (const std::string& id);
    const Take* findTake (const std::string& id) const;
    MusicCue* findMusic (const std::string& id);
    const MusicCue* findMusic (const std::string& id) const;

    /** True when any track, bus, stem or the master uses `id`. */
    bool stripIdInUse (const std::string& id) const;

    /** A fresh id "<prefix>-N" not used by any strip, region, cue, take or music cue. */
    std::string nextId (const std::string& prefix) const;

    /** Seconds on the timeline of a timecode label (negative before the start). */
    double secondsAt (const timecode::Timecode& tc) const;
    /** The timecode label shown at `seconds` on the timeline (the frame at or before it). */
    timecode::Timecode timecodeAt (double seconds) const;

    /** End of the last region, in seconds (0 for an empty session). */
    double duration() const;

    /** The stem a new track of `kind` is routed to: stem-dx for dx/adr, stem-fx, stem-mx; empty
        for guide tracks or when that stem does not exist. */
    std::string defaultOutputFor (TrackKind kind) const;

    bool operator== (const Session&) const = default;
};
} // namespace loopstage::session
