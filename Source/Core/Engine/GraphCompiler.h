#pragma once
/** Compiles a MixPlan into a RenderGraph snapshot, off the audio thread.

    Validates the plan (InputError on bad routing or unreadable files: nothing is changed then),
    orders strips topologically, works out solo (a soloed strip keeps audible what feeds it and
    what it feeds; everything else that is not solo-safe is silenced), plug-in delay
    compensation (each bus input is delayed so all inputs arrive with the bus's largest upstream
    latency) and adopts state from `previous` by stable id: inserts with an unchanged
    configuration, compensation delay lines of unchanged length, meters, and playlists whose
    regions did not change (so untouched tracks keep streaming).
*/
#include "Engine/RenderGraph.h"

namespace loopstage::engine
{
/** `meters`: give every strip a StripMeter (live playback); offline renders skip them. */
std::unique_ptr<RenderGraph> compileGraph (const MixPlan& plan, int maxBlock, DiskStreamer& streamer,
                                           const RenderGraph* previous = nullptr, bool meters = true);
} // namespace loopstage::engine
