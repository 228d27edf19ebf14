#pragma once
/** A track: a channel strip whose regions (Region.h, listed at session level with their track
    id) play audio files. The kind says what the track carries in post-production terms, and
    picks the stem a new track is routed to. */
#include "Session/Strip.h"

#include <optional>
#include <string>

namespace loopstage::session
{
enum class TrackKind
{
    dx,      ///< dialogue (production sound)
    fx,      ///< effects, foley, ambience
    mx,      ///< music
    guide,   ///< the production guide track ADR is matched against; usually not in a stem
    adr      ///< ADR record track
};

/** "dx", "fx", "mx", "guide", "adr". */
std::string toString (TrackKind kind);
/** Parses a kind name; std::nullopt when unknown (callers report where it came from). */
std::optional<TrackKind> parseTrackKind (const std::string& name);
/** Channels a new track of `kind` gets unless told: 1 for dialogue, ADR and guide (one mic),
    2 for effects and music. */
int defaultChannelsFor (TrackKind kind) noexcept;

struct Track : Strip
{
    TrackKind kind = TrackKind::dx;

    bool operator== (const Track&) const = default;
};
} // namespace loopstage::session
