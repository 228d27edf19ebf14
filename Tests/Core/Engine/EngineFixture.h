#pragma once
/** Test mixes for the engine tests, over real files made with sox in a TempDir. */
#include "Engine/MixPlan.h"
#include "Engine/OfflineRenderer.h"
#include "Support/MediaFactory.h"
#include "Support/TempDir.h"
#include "Support/TestSetups.h"

#include <filesystem>
#include <string>

namespace loopstage::test
{
/** A stereo master with DX, FX and MX stems and `tracks` tracks (at least 6) of mono, stereo
    and 5.1 sources, fades, crossfades, automation of gain/pan/mute, sends pre and post to a
    reverb bus with an insert, a latency-reporting insert, polarity and a master gain, at
    `sampleRate` (its sources are made at that rate; positions stay in samples). */
engine::MixPlan richPlan (const TempDir& dir, int tracks, double seconds, double sampleRate = 48000.0);

/** Single-threaded render options for one operating point (its sample rate is the plan's). */
engine::RenderOptions renderOptions (const TestSetup& setup);

/** A stem routed to the master. */
engine::PlanBus stem (const std::string& id, int channels = 2);

/** A mono track playing `length` samples of `file` from the session's start into `output`. */
engine::PlanTrack monoTrack (const std::string& id, const std::filesystem::path& file, std::int64_t length,
                             const std::string& output);
} // namespace loopstage::test
