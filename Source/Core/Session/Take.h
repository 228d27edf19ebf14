#pragma once
/** One recorded ADR take of a cue, with its alignment to the guide kept non-destructively: the
    offset and warp map are data, the take file is never rewritten, so the mixer can undo or edit
    the fit. Convention as in `loopstage align`: take(t + offset) ≈ guide(t). */
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace loopstage::session
{
/** A warp-map pair: the moment `guide` seconds into the guide plays `take` seconds into the take. */
struct WarpPoint
{
    double guide = 0.0;
    double take = 0.0;

    bool operator== (const WarpPoint&) const = default;
};

/** How well the aligned take sits on the guide (residual after the fit). */
struct SyncScore
{
    double medianMs = 0.0;
    double p95Ms = 0.0;

    bool operator== (const SyncScore&) const = default;
};

/** The take moved (and warped) onto the timeline and rendered beside the session: what plays
    when the take is circled. Its place is in whole session samples, the same number the file's
    BWF TimeReference carries (plus the session start), so the app, the engine and another DAW
    put it on the same sample. */
struct AlignedCopy
{
    std::filesystem::path file;
    std::int64_t position = 0;          ///< timeline samples (session rate) of its first sample
    std::int64_t length = 0;            ///< samples

    bool operator== (const AlignedCopy&) const = default;
};

struct Take
{
    std::string id;                     ///< unique in the session
    std::filesystem::path file;         ///< as for Region::file
    int number = 1;                     ///< take number as slated (1, 2, ...)
    int rating = 0;                     ///< 0 (unrated) .. 5
    bool circled = false;               ///< the director's pick
    std::optional<double> offset;       ///< seconds; absent until aligned
    std::vector<WarpPoint> warp;        ///< monotonic; empty: offset only
    std::optional<SyncScore> syncScore;
    std::optional<double> confidence;   ///< of the alignment, 0..1 (loopstage align)
    std::optional<AlignedCopy> aligned; ///< absent until aligned with a copy rendered
    std::string region;                 ///< id of the region playing this take, or empty
    std::string notes;

    bool operator== (const Take&) const = default;
};
} // namespace loopstage::session
