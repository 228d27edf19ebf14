#include "Engine/MixPlan.h"
#include "Base/Error.h"

#include <functional>
#include <map>
#include <set>

namespace loopstage::engine
{
namespace
{
    void checkStrip (const PlanStrip& s, const char* what)
    {
        if (s.id.empty())
            throw InputError (std::string (what) + " '" + s.name + "' has no id");
        if (s.channels != 1 && s.channels != 2 && s.channels != 6)
            throw InputError (std::string (what) + " '" + s.id + "': " + std::to_string (s.channels)
                              + " channels (mono 1, stereo 2 or 5.1 6 expected)");
        for (const auto* lane : { &s.gainAutomation, &s.panAutomation, &s.muteAutomation })
            for (const auto& p : lane->points)
                if (p.frame < 0)
                    throw InputError (std::string (what) + " '" + s.id + "': automation point before the timeline's start");
        std::set<std::string> insertIds;
        for (const auto& i : s.inserts)
            if (! insertIds.insert (i.id).second)
                throw InputError (std::string (what) + " '" + s.id + "': two inserts with id '" + i.id + "'");
    }
} // namespace

void validate (const MixPlan& plan)
{
    if (! (plan.sampleRate > 0))
        throw InputError ("sample rate must be positive");
    if (plan.length < 0)
        throw InputError ("render length must not be negative");

    std::map<std::string, const PlanStrip*> strips;
    auto add = [&] (const PlanStrip& s, const char* what)
    {
        checkStrip (s, what);
        if (! strips.emplace (s.id, &s).second)
            throw InputError ("two strips share the id '" + s.id + "'");
    };
    for (const auto& t : plan.tracks)
    {
        add (t, "track");
        for (const auto& r : t.regions)
            if (r.position < 0 || r.length < 0 || r.sourceStart < 0)
                throw InputError ("track '" + t.id + "': region of " + r.file.string() + " has a negative position or length");
    }
    std::set<std::string> busIds { plan.master.id };
    for (const auto& b : plan.buses)
    {
        add (b, b.isStem ? "stem" : "bus");
        busIds.insert (b.id);
    }
    add (plan.master, "master");

    // Routing: outputs and sends name a bus; no strip feeds itself through any path.
    std::map<std::string, std::vector<std::string>> feeds;
    for (const auto& [id, s] : strips)
    {
        if (s == &plan.master)
            continue;
        auto route = [&, sid = id] (const std::string& to, const char* how)
        {
            if (busIds.count (to) == 0)
                throw InputError ("strip '" + sid + "': " + how + " '" + to + "' is not a bus, stem or the master");
            feeds[sid].push_back (to);
        };
        if (! s->output.empty())
            route (s->output, "output");
        for (const auto& send : s->sends)
            route (send.bus, "send to");
    }
    std::map<std::string, int> state;   // 0 unseen, 1 on the path, 2 done
    std::function<void (const std::string&)> visit = [&] (const std::string& id)
    {
        state[id] = 1;
        for (const auto& to : feeds[id])
        {
            if (state[to] == 1)
                throw InputError ("routing loop: '" + id + "' feeds '" + to + "', which feeds back into it");
            if (state[to] == 0)
                visit (to);
        }
        state[id] = 2;
    };
    for (const auto& [id, s] : strips)
        if (state[id] == 0)
            visit (id);
}
} // namespace loopstage::engine
