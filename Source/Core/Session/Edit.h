#pragma once
/** Edits: every change to a session is an Edit applied through SessionDocument::apply, so
    undo/redo covers every change the GUI or the CLI makes, through one API.

    An Edit is a label and a change function. The document snapshots the session before the
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
struct Edit
{
    std::string label;                         ///< shown as "Undo <label>"
    std::function<void (Session&)> change;     ///< throws InputError to refuse
};

// The edits the GUI and CLI use. Each refuses (InputError) an unknown id or a duplicate one.
Edit setName (std::string name);
/** Sample rate (Hz), frame rate and start timecode of the timeline. */
Edit setTiming (double sampleRate, timecode::FrameRate rate, timecode::Timecode start);
Edit setPicture (std::optional<Picture> picture);
Edit setDelivery (std::optional<DeliverySpec> delivery);

Edit addTrack (Track track);
Edit updateTrack (Track track);                 ///< replaces the track with the same id
Edit removeTrack (std::string id);              ///< and its regions
Edit moveTrack (std::string id, int newIndex);  ///< reorders; index is clamped

Edit addRegion (Region region);
Edit updateRegion (Region region);
Edit removeRegion (std::string id);

Edit addBus (Bus bus);                          ///< a bus or a stem
Edit updateBus (Bus bus);                       ///< also the master
Edit removeBus (std::string id);                ///< refused while anything routes to it

Edit addCue (AdrCue cue);
Edit updateCue (AdrCue cue);                    ///< replaces everything but the takes
Edit removeCue (std::string id);                ///< and its takes
Edit addTake (std::string cueId, Take take);
Edit updateTake (Take take);                    ///< e.g. rating, circle, a new alignment
Edit removeTake (std::string id);

Edit addMusic (MusicCue entry);
Edit updateMusic (MusicCue entry);
Edit removeMusic (std::string id);              ///< refused while a region links to it

/** Several edits as one undo step, applied in order. */
Edit group (std::string label, std::vector<Edit> edits);
} // namespace loopstage::session
