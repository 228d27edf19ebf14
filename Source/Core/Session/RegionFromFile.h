#pragma once
/** A new region from an audio file, checked against the file before it reaches the session:
    what the app does when a file is dropped on a track and `session add-region` does. */
#include "Session/SessionDocument.h"

#include <optional>

namespace loopstage::session
{
/** `wanted` with its track resolved (an id or a unique track name: SessionLookup.h), its file
    made absolute, the file's rate and channel count recorded, its length defaulted to the rest
    of the file after `sourceOffset` when `length` is empty, and a fresh id when it has none.
    InputError naming the session file for a missing track or a start before the session's
    start timecode, naming the audio file when it cannot be read or the offset or length fall
    outside it. A rate other than the session's is allowed (the region records it). */
Region regionFromFile (const SessionDocument& document, Region wanted, std::optional<double> length = std::nullopt);
} // namespace loopstage::session
