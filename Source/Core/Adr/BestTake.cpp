#include "Adr/BestTake.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

namespace loopstage::adr
{
double driftSeconds (const session::Take& take)
{
    if (! take.offset || take.warp.empty())
        return 0.0;
    std::vector<double> lead;
    for (const auto& p : take.warp)
        lead.push_back (p.take - (p.guide + *take.offset));
    auto middle = lead;
    std::nth_element (middle.begin(), middle.begin() + (long) middle.size() / 2, middle.end());
    const double centre = middle[middle.size() / 2];
    for (auto& v : lead)
        v = std::abs (v - centre);
    std::sort (lead.begin(), lead.end());
    return lead[std::min (lead.size() - 1, (size_t) std::ceil (0.95 * (double) lead.size()) - 1)];
}

const session::Take* bestSyncedTake (const session::AdrCue& cue)
{
    // Residuals closer than one feature frame (5 ms) are a tie: the take the warp had to move
    // least, the one the actor played closest to the guide, wins it.
    auto key = [] (const session::Take& t)
    {
        return std::tuple (! t.syncScore.has_value(), t.syncScore ? std::floor (t.syncScore->p95Ms / 5.0) : 0.0,
                           t.syncScore ? std::floor (t.syncScore->medianMs / 5.0) : 0.0, driftSeconds (t));
    };
    const session::Take* best = nullptr;
    for (auto& t : cue.takes)
        if (t.offset && (best == nullptr || key (t) < key (*best)))
            best = &t;
    return best;
}
} // namespace loopstage::adr
