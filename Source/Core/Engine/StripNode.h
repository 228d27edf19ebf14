#pragma once
/** One channel strip in a RenderGraph: a track, a bus (a stem is a bus) or the master.

    Per block: source (the track's read-ahead stream, or the bus's inputs summed in plan order)
    -> inserts -> polarity -> [pre-fader tap] -> fader (gain automation in dB) x mute x solo
    -> meter -> every output edge (main output and sends) panned into the destination's layout,
    scaled by the send level, delayed by its plug-in delay compensation.

    Each edge's buffer belongs to the producing node and is read by exactly one consumer, so
    nodes write only their own memory and the summing order is fixed by the plan, not by which
    thread finished first: results are bit-identical with 1 or N threads and any block size.
*/
#include "Engine/Automation.h"
#include "Engine/DelayLine.h"
#include "Engine/DiskStreamer.h"
#include "Engine/InsertProcessor.h"
#include "Engine/Meter.h"
#include "Engine/PanLaw.h"

#include <memory>
#include <string>
#include <vector>

namespace loopstage::engine
{
/** Planar float storage for `channels` x `frames`, allocated once. */
struct ChannelBuffer
{
    std::vector<float> storage;
    float* channels[maxChannels] {};
    int numChannels = 0;

    void allocate (int channelCount, int frames);
    /** @realtime */
    void clear (int count) noexcept;
};

/** A connection from a node to a bus: the main output or a send. */
struct Edge
{
    std::string id;                    ///< "<from>-><to>:main" / ":send<n>", keys its delay line
    int destination = -1;              ///< node index in the graph
    bool preFader = false;
    float gain = 1.0f;                 ///< send level (1 for the main output)
    ChannelBuffer buffer;              ///< in the destination's layout
    std::shared_ptr<DelayLine> compensation;   ///< plug-in delay compensation, may be null
};

class StripNode
{
public:
    enum class Kind
    {
        track,
        bus,
        master
    };

    std::string id;
    Kind kind = Kind::track;
    bool isStem = false;
    int channels = 2;

    // Source
    std::shared_ptr<TrackStream> stream;     ///< tracks
    std::vector<const Edge*> inputs;         ///< buses: summed in this order

    // Strip
    std::vector<std::shared_ptr<InsertProcessor>> inserts;
    bool polarityInvert = false;
    double gainDb = 0.0;
    bool muted = false;                      ///< static mute, or silenced by another strip's solo
    double pan = 0.0, frontBack = 1.0;
    Automation gainAutomation, panAutomation, muteAutomation;
    std::vector<Edge> outputs;
    std::shared_ptr<StripMeter> meter;

    // Scheduling (set by the compiler)
    std::vector<int> consumers;              ///< distinct nodes fed by this one
    int producers = 0;                       ///< distinct nodes feeding this one
    int latency = 0;                         ///< samples from timeline to this node's output

    /** Allocates the work buffers; call once the fields above are set. Not realtime. */
    void prepare (int maxBlockSize);

    /** Processes [frame, frame + count), count <= the prepared block size. @realtime */
    void process (std::int64_t frame, int count) noexcept;

    /** The strip's post-fader signal of the last block (its own layout): what a stem or the
        printmaster delivers. */
    const float* const* output() const noexcept { return main.channels; }

private:
    ChannelBuffer main, pre;
    bool needsPre = false;
    std::vector<float> gains, mutes;
    std::vector<double> values;
    std::vector<PanMatrix> staticPan;   ///< per output edge, for the static pan

    void applyFader (std::int64_t frame, int count) noexcept;
    void writeEdge (Edge& edge, std::int64_t frame, int count, int edgeIndex) noexcept;
};

/** 10^(dB/20), and exactly 0 at or below -144 dB. @realtime */
float decibelsToGain (double db) noexcept;
} // namespace loopstage::engine
