// The live meters and the limiter run on the audio thread: after prepare(), process() must not
// allocate or lock. Checked with the RealtimeGuard (malloc/new/mutex interposed).
#include "Support/RealtimeGuard.h"
#include "Dsp/TruePeakLimiter.h"
#include "Loudness/LoudnessMeter.h"
#include "Loudness/TruePeakMeter.h"
#include "Signals.h"

#include <catch2/catch.hpp>

using namespace loopstage;

TEST_CASE ("meters and limiter process blocks without allocating or locking", "[loudness]")
{
    auto b = test::sineSequence (48000, 2, 1000, { { 4.0, -3.0 } });
    loudness::LoudnessMeter meter;
    meter.prepare (2, 48000);
    loudness::TruePeakMeter peaks;
    peaks.prepare (2, 512);
    dsp::TruePeakLimiter limiter;
    limiter.prepare (2, 48000, 512, -6.0);

    test::armRealtimeGuard();
    {
        test::RealtimeScope audioThread;
        for (std::int64_t pos = 0; pos + 512 <= b.numFrames(); pos += 512)
        {
            float* p[] = { b.channels[0].data() + pos, b.channels[1].data() + pos };
            meter.process (p, 512);
            peaks.process (p, 512);
            limiter.process (p, 512);
            (void) meter.momentaryLufs();
            (void) meter.integratedLufs();
        }
    }
    const auto violations = test::disarmRealtimeGuard();
    CHECK (violations.allocations == 0);
    CHECK (violations.frees == 0);
    CHECK (violations.locks == 0);
    CHECK (*meter.integratedLufs() == Approx (-3.0).margin (0.1));
    CHECK (limiter.maxReductionDb() > 2.0);
}
