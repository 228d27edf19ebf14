// Which take the ADR page circles: the best sync score, and among takes whose scores are
// within a feature frame (after a warp most read 0) the one the warp had to move least.
#include "Adr/BestTake.h"

#include <cmath>

#include <catch2/catch.hpp>

using namespace loopstage;

namespace
{
session::Take take (const std::string& id, std::optional<session::SyncScore> score, double driftAmplitude)
{
    session::Take t;
    t.id = id;
    t.offset = -2.0;
    t.syncScore = score;
    // A map that leads and lags the constant offset by up to driftAmplitude seconds.
    for (int i = 0; i <= 100; ++i)
    {
        const double g = 10.0 + 0.05 * i;
        t.warp.push_back ({ g, g - 2.0 + driftAmplitude * std::sin (0.2 * i) });
    }
    return t;
}
} // namespace

TEST_CASE ("best take: sync score first, then the least warping", "[adr]")
{
    session::AdrCue cue;
    cue.takes = { take ("a", session::SyncScore { 0.0, 0.0 }, 0.15), take ("b", session::SyncScore { 0.0, 1.0 }, 0.05),
                  take ("c", std::nullopt, 0.0) };
    CHECK (adr::driftSeconds (cue.takes[0]) == Approx (0.15).epsilon (0.15));
    CHECK (adr::driftSeconds (cue.takes[1]) == Approx (0.05).epsilon (0.15));
    REQUIRE (adr::bestSyncedTake (cue) != nullptr);
    CHECK (adr::bestSyncedTake (cue)->id == "b");   // 0 vs 1 ms is a tie; b drifted less

    cue.takes[1].syncScore = session::SyncScore { 8.0, 30.0 };
    CHECK (adr::bestSyncedTake (cue)->id == "a");   // a real sync difference decides

    cue.takes[0].syncScore.reset();
    cue.takes[1].syncScore.reset();
    CHECK (adr::bestSyncedTake (cue)->id == "c");   // unscored: the least warping

    cue.takes.clear();
    CHECK (adr::bestSyncedTake (cue) == nullptr);
}
