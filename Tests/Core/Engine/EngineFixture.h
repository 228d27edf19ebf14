#pragma once
/** Test media and mixes for the engine tests: real files made with sox in a TempDir. */
#include "Engine/MixPlan.h"
#include "Support/TempDir.h"

#include <filesystem>
#include <string>

namespace loopstage::test
{
/** A float WAV at 48 kHz made by `sox -n ... synth <seconds> <synth>`, e.g. "pinknoise",
    "sine 440", at `volume` (linear). */
std::filesystem::path makeSource (const TempDir& dir, const std::string& name, int channels, double seconds,
                                  const std::string& synth, double volume = 0.3);

/** A stereo master with DX, FX and MX stems and `tracks` tracks (at least 6) of mono, stereo
    and 5.1 sources, fades, crossfades, automation of gain/pan/mute, sends pre and post to a
    reverb bus with an insert, a latency-reporting insert, polarity and a master gain. */
engine::MixPlan richPlan (const TempDir& dir, int tracks, double seconds);

/** A stem routed to the master. */
engine::PlanBus stem (const std::string& id, int channels = 2);
} // namespace loopstage::test
