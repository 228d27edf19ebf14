#pragma once
/** Changes: every change to a session is a Change applied through SessionDocument::apply, so
    undo/redo covers every change the GUI or the CLI makes, through one API. (Called Change, not
    Edit, because an "edit" is the picture cut the coming timeline module works on.)

    A Change is a label and a function that applies it. The document snapshots the session before the
    change (sessions are kilobytes, so a snapshot is cheaper and safer than hand-written inverse
    commands), runs the change on a copy, validates the result and only then commits it: an edit
    that throws or leaves the session inconsistent changes nothing.
*/
#include "Session/Session.h"

#include <functional>
#include <optional>
#include <string>

namespace loopstage::session
{
struct Change
{
    std::string label;                         ///< shown as "Undo <label>"
    std::function<void (Session&)> apply;      ///< throws InputError to refuse
};

// The changes the GUI and CLI use. Each refuses (InputError) an unknown id or a duplicate one.
Change setName (std::string name);
/** Sample rate (Hz), frame rate and start timecode of the timeline. */
Change setTiming (double sampleRate, timecode::FrameRate rate, timecode::Timecode start);
Change setPicture (std::optional<Picture> picture);
Change setDelivery (std::optional<DeliverySpec> delivery);

Change addTrack (Track track);
Change updateTrack (Track track);                 ///< replaces the track with the same id
Change removeTrack (std::string id);              ///< and its regions
Change moveTrack (std::string id, int newIndex);  ///< reorders; index is clamped

Change addRegion (Region region);
Change updateRegion (Region region);
Change removeRegion (std::string id);

Change addBus (Bus bus);                          ///< a bus or a stem
Change updateBus (Bus bus);                       ///< also the master
Change removeBus (std::string id);                ///< refused while anything routes to it
/** Replaces the mixer settings (Strip: gain, pan, inserts, sends, ...) of the track, bus, stem
    or master with the strip's id, leaving what is not a strip (a track's kind) as it is. */
Change updateStrip (Strip strip);

Change addCue (AdrCue cue);
Change updateCue (AdrCue cue);                    ///< replaces everything but the takes
Change removeCue (std::string id);                ///< and its takes
Change addTake (std::string cueId, Take take);
Change updateTake (Take take);                    ///< e.g. rating, circle, a new alignment
Change removeTake (std::string id);

Change addMusic (MusicCue entry);
Change updateMusic (MusicCue entry);
Change removeMusic (std::string id);              ///< refused while a region links to it

/** Several changes as one undo step, applied in order. */
Change group (std::string label, std::vector<Change> changes);
} // namespace loopstage::session
