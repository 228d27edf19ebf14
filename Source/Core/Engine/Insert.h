#pragma once
/** An insert on a channel strip: processes the strip's channels in place and reports its latency
    so the graph can compensate it (plug-in delay compensation).

    Inserts are created and prepared off the audio thread when a plan is compiled. An insert
    whose configKey() is unchanged by an edit is carried into the new snapshot as is (its state,
    e.g. a delay line's contents, continues); only one snapshot plays at a time, so the sharing is
    safe. Built-in for now: delay (a latency-reporting look-ahead stand-in), trim, equaliser and
    compressor. LV2/VST3
    hosting and the Core DSP processors come later (docs/ENGINE.md).
*/
#include "Engine/DelayLine.h"
#include "Engine/MixPlan.h"

#include <memory>
#include <string>

namespace loopstage::engine
{
class Insert
{
public:
    virtual ~Insert() = default;
    /** Equal keys mean the insert can be carried across a rebuild with its state. */
    virtual std::string configKey() const = 0;
    /** Samples by which the output lags the input. */
    virtual int latency() const noexcept = 0;
    /** @realtime */
    virtual void process (float* const* channels, int numChannels, int count) noexcept = 0;
};

/** Makes the built-in insert a plan names, for a strip of `channels` channels. Not realtime;
    throws InputError for a negative delay. */
std::shared_ptr<Insert> makeInsert (const PlanInsert& plan, int channels, double sampleRate);
} // namespace loopstage::engine
