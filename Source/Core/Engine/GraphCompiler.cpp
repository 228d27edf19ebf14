#include "Engine/GraphCompiler.h"
#include "Base/Error.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace loopstage::engine
{
namespace
{
    bool sameRegions (const std::vector<PlanRegion>& a, const std::vector<PlanRegion>& b)
    {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
        {
            const auto &x = a[i], &y = b[i];
            if (x.file != y.file || x.position != y.position || x.sourceStart != y.sourceStart || x.length != y.length
                || x.fadeIn != y.fadeIn || x.fadeOut != y.fadeOut || x.fadeInShape != y.fadeInShape || x.fadeOutShape != y.fadeOutShape || x.gainDb != y.gainDb
                || x.channelMap != y.channelMap)
                return false;
        }
        return true;
    }

    struct Strip
    {
        const PlanStrip* plan = nullptr;
        const PlanTrack* track = nullptr;
        StripNode::Kind kind = StripNode::Kind::track;
        bool isStem = false;
        std::vector<std::string> feeds;   ///< output then sends, by id
    };

    template <typename Map>
    auto adopt (const RenderGraph* previous, Map RenderGraph::*member, const std::string& key)
        -> typename Map::mapped_type
    {
        if (previous == nullptr)
            return {};
        const auto& map = previous->*member;
        const auto it = map.find (key);
        return it == map.end() ? typename Map::mapped_type {} : it->second;
    }
} // namespace

std::unique_ptr<RenderGraph> compileGraph (const MixPlan& plan, int maxBlock, DiskStreamer& streamer,
                                           const RenderGraph* previous, bool meters)
{
    validate (plan);
    if (maxBlock < 1)
        throw InputError ("block size must be at least 1 sample");

    std::vector<Strip> strips;
    for (const auto& t : plan.tracks)
        strips.push_back ({ &t, &t, StripNode::Kind::track, false, {} });
    for (const auto& b : plan.buses)
        strips.push_back ({ &b, nullptr, StripNode::Kind::bus, b.isStem, {} });
    strips.push_back ({ &plan.master, nullptr, StripNode::Kind::master, false, {} });

    std::map<std::string, int> indexOf;
    for (size_t i = 0; i < strips.size(); ++i)
        indexOf[strips[i].plan->id] = (int) i;
    for (auto& s : strips)
    {
        if (s.kind == StripNode::Kind::master)
            continue;
        if (! s.plan->output.empty())
            s.feeds.push_back (s.plan->output);
        for (const auto& send : s.plan->sends)
            s.feeds.push_back (send.bus);
    }

    // Topological order (Kahn), stable in plan order.
    std::vector<int> incoming (strips.size(), 0);
    for (auto& s : strips)
        for (auto& to : s.feeds)
            ++incoming[(size_t) indexOf[to]];
    std::vector<int> order;
    std::vector<bool> placed (strips.size(), false);
    while (order.size() < strips.size())
    {
        bool progressed = false;
        for (size_t i = 0; i < strips.size(); ++i)
        {
            if (placed[i] || incoming[i] != 0)
                continue;
            placed[i] = true;
            progressed = true;
            order.push_back ((int) i);
            for (auto& to : strips[i].feeds)
                --incoming[(size_t) indexOf[to]];
        }
        if (! progressed)
            throw InputError ("routing loop in the mix");
    }

    // Solo in place, as on a console: soloing silences every strip that is not soloed, not
    // solo-safe and not needed to carry one of those to the master. Kept audible: the soloed
    // and the solo-safe strips, everything downstream of either (the buses and stems they
    // reach, through outputs and sends), and everything upstream of a soloed strip (soloing
    // a bus plays what feeds it). Upstream of a solo-safe strip is not kept: a solo-safe bus
    // (a reverb return) stays open, but the tracks feeding it follow the solo.
    std::vector<bool> audible (strips.size(), true);
    bool soloActive = false;
    for (auto& s : strips)
        soloActive = soloActive || (s.kind != StripNode::Kind::master && s.plan->solo);
    if (soloActive)
    {
        std::vector<std::vector<int>> down (strips.size()), up (strips.size());
        for (size_t i = 0; i < strips.size(); ++i)
            for (auto& to : strips[i].feeds)
            {
                down[i].push_back (indexOf[to]);
                up[(size_t) indexOf[to]].push_back ((int) i);
            }
        std::vector<bool> reached (strips.size(), false);
        // Each direction has its own visited set: a strip reached going up must still be walked
        // down from (and the other way round).
        auto mark = [&] (int from, const std::vector<std::vector<int>>& links)
        {
            std::vector<bool> visited (strips.size(), false);
            std::vector<int> todo { from };
            while (! todo.empty())
            {
                const int i = todo.back();
                todo.pop_back();
                reached[(size_t) i] = true;
                for (int j : links[(size_t) i])
                    if (! visited[(size_t) j])
                    {
                        visited[(size_t) j] = true;
                        todo.push_back (j);
                    }
            }
        };
        for (size_t i = 0; i < strips.size(); ++i)
        {
            if (strips[i].kind == StripNode::Kind::master)
                continue;
            if (strips[i].plan->solo)
                mark ((int) i, up);
            if (strips[i].plan->solo || strips[i].plan->soloSafe)
                mark ((int) i, down);
        }
        for (size_t i = 0; i < strips.size(); ++i)
            audible[i] = reached[i] || strips[i].kind == StripNode::Kind::master;
    }

    auto graph = std::make_unique<RenderGraph>();
    graph->sampleRate = plan.sampleRate;
    graph->maxBlock = maxBlock;
    std::vector<int> nodeOf (strips.size(), -1);
    std::vector<std::pair<std::shared_ptr<TrackStream>, std::shared_ptr<Playlist>>> newPlaylists;

    for (int si : order)
    {
        const auto& s = strips[(size_t) si];
        const auto& p = *s.plan;
        auto node = std::make_unique<StripNode>();
        node->id = p.id;
        node->kind = s.kind;
        node->isStem = s.isStem;
        node->channels = p.channels;
        node->polarityInvert = p.polarityInvert;
        node->gainDb = p.gainDb;
        node->muted = p.mute || ! audible[(size_t) si];
        node->pan = p.pan;
        node->frontBack = p.panFrontBack;
        node->gainAutomation = Automation (p.gainAutomation);
        node->panAutomation = Automation (p.panAutomation);
        node->muteAutomation = Automation (p.muteAutomation);

        if (s.track != nullptr)
        {
            const auto key = p.id + "#" + std::to_string (p.channels);
            auto entry = adopt (previous, &RenderGraph::playlistsById, key);
            node->stream = streamer.stream (p.id, p.channels);
            if (entry.playlist == nullptr || ! sameRegions (entry.regions, s.track->regions))
            {
                entry = { s.track->regions, std::make_shared<Playlist> (s.track->regions, p.channels, plan.sampleRate) };
                newPlaylists.emplace_back (node->stream, entry.playlist);
            }
            graph->playlistsById[key] = entry;
        }

        for (const auto& ip : p.inserts)
        {
            const auto key = p.id + "/" + ip.id;
            // Keyed before making: a plug-in is only instantiated when its configuration changed.
            auto old = adopt (previous, &RenderGraph::insertsById, key);
            auto chosen = old != nullptr && old->configKey() == insertKey (ip, p.channels, plan.sampleRate)
                              ? old
                              : makeInsert (ip, p.channels, plan.sampleRate);
            node->inserts.push_back (chosen);
            graph->insertsById[key] = chosen;
        }

        if (meters)
        {
            auto meter = adopt (previous, &RenderGraph::metersById, p.id);
            if (meter == nullptr || meter->channels() != p.channels)
                meter = std::make_shared<StripMeter> (p.channels, plan.sampleRate);
            node->meter = meter;
            graph->metersById[p.id] = meter;
        }

        nodeOf[(size_t) si] = (int) graph->nodes.size();
        graph->nodes.push_back (std::move (node));
    }

    // Edges, owned by their producers.
    for (int si : order)
    {
        const auto& s = strips[(size_t) si];
        auto& node = *graph->nodes[(size_t) nodeOf[(size_t) si]];
        auto addEdge = [&] (const std::string& to, const std::string& kind, bool preFader, double gainDb)
        {
            Edge e;
            e.id = s.plan->id + "->" + to + ":" + kind;
            e.destination = nodeOf[(size_t) indexOf[to]];
            e.preFader = preFader;
            e.gain = decibelsToGain (gainDb);
            e.buffer.numChannels = strips[(size_t) indexOf[to]].plan->channels;
            node.outputs.push_back (std::move (e));
        };
        if (s.kind == StripNode::Kind::master)
            continue;
        if (! s.plan->output.empty())
            addEdge (s.plan->output, "main", false, 0.0);
        for (size_t k = 0; k < s.plan->sends.size(); ++k)
            addEdge (s.plan->sends[k].bus, "send" + std::to_string (k), s.plan->sends[k].preFader, s.plan->sends[k].gainDb);
    }

    // Inputs in producer order, scheduling counts, latency and its compensation.
    auto& nodes = graph->nodes;
    for (size_t n = 0; n < nodes.size(); ++n)
    {
        auto& node = *nodes[n];
        std::set<int> producers;
        std::vector<Edge*> inputs;
        for (size_t m = 0; m < n; ++m)
            for (auto& e : nodes[m]->outputs)
                if (e.destination == (int) n)
                {
                    inputs.push_back (&e);
                    producers.insert ((int) m);
                }
        node.producers = (int) producers.size();
        for (int m : producers)
            nodes[(size_t) m]->consumers.push_back ((int) n);

        int inputLatency = 0;
        for (int m : producers)
            inputLatency = std::max (inputLatency, nodes[(size_t) m]->latency);
        for (size_t m = 0; m < n; ++m)
            for (auto& e : nodes[m]->outputs)
            {
                if (e.destination != (int) n)
                    continue;
                const int delay = inputLatency - nodes[m]->latency;
                if (delay > 0)
                {
                    auto line = adopt (previous, &RenderGraph::compensationById, e.id);
                    if (line == nullptr || line->delay() != delay || line->channels() != e.buffer.numChannels)
                        line = std::make_shared<DelayLine> (e.buffer.numChannels, delay);
                    e.compensation = line;
                    graph->compensationById[e.id] = line;
                }
            }
        node.inputs.assign (inputs.begin(), inputs.end());
        int own = 0;
        for (auto& insert : node.inserts)
            own += insert->latency();
        node.latency = inputLatency + own;
    }

    for (size_t n = 0; n < nodes.size(); ++n)
    {
        nodes[n]->prepare (maxBlock);
        if (nodes[n]->kind == StripNode::Kind::master)
            graph->master = (int) n;
    }
    for (const auto& b : plan.buses)
        if (b.isStem)
            graph->stems.push_back (nodeOf[(size_t) indexOf[b.id]]);
    graph->prepareScheduler();

    for (auto& [stream, playlist] : newPlaylists)
        streamer.setPlaylist (*stream, playlist);
    return graph;
}
} // namespace loopstage::engine
