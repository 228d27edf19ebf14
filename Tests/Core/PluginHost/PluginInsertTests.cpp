// Real LV2 plug-ins as engine inserts: the effect is really applied, latency is reported, the
// audio path neither allocates nor locks, channels are mapped as docs/PLUGINS.md says.
#include "PluginTestSupport.h"
#include "Support/RealtimeGuard.h"
#include "Base/Error.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
/** The level change (dB) the insert gives a tone, measured over the last half second. */
double gainAt (engine::InsertProcessor& insert, double frequency)
{
    auto signal = sine (frequency, 0.1, 48000);
    const auto dry = signal;
    runMono (insert, signal);
    return db (rms (signal, 24000, 48000) / rms (dry, 24000, 48000));
}
} // namespace

TEST_CASE ("an x42 EQ band lifts its frequency by the set gain", "[pluginhost]")
{
    pluginhost::install();
    auto eq = engine::makeInsert (lv2Plan ("eq", x42Eq, { { "freq2", 1000.0 }, { "g2", 6.0 }, { "bw2", 0.5 } }), 1, 48000.0);
    CHECK (eq->latency() == 0);
    CHECK (gainAt (*eq, 1000.0) == Approx (6.0).margin (0.5));
    auto untouched = engine::makeInsert (lv2Plan ("eq", x42Eq, { { "freq2", 1000.0 }, { "g2", 6.0 }, { "bw2", 0.5 } }), 1, 48000.0);
    CHECK (std::abs (gainAt (*untouched, 100.0)) < 0.5);
}

TEST_CASE ("an LSP parametric EQ bell changes its band by the set gain", "[pluginhost]")
{
    pluginhost::install();
    // g_0 is linear in LSP's port (2.0 = +6.02 dB); the filter type is an enumeration, by label.
    const Json settings { { "ft_0", "Bell" }, { "f_0", 1000.0 }, { "g_0", 2.0 }, { "q_0", 1.0 } };
    auto eq = engine::makeInsert (lv2Plan ("peq", lspEq, settings), 1, 48000.0);
    CHECK (gainAt (*eq, 1000.0) == Approx (6.02).margin (0.5));
    auto cut = engine::makeInsert (lv2Plan ("peq", lspEq, { { "ft_0", 1 }, { "f_0", 1000.0 }, { "g_0", 0.5 }, { "q_0", 1.0 } }), 1, 48000.0);
    CHECK (gainAt (*cut, 1000.0) == Approx (-6.02).margin (0.5));   // the enumeration by number too
}

TEST_CASE ("an LSP limiter holds peaks under its threshold and reports its look-ahead", "[pluginhost]")
{
    pluginhost::install();
    // th is linear (0.25 = -12 dBFS); boost off so the output is not made up to full scale.
    auto limiter = engine::makeInsert (lv2Plan ("lim", lspLimiter, { { "th", 0.25 }, { "boost", 0 }, { "lk", 5.0 }, { "alr", 0 } }),
                                       1, 48000.0);
    INFO ("latency " << limiter->latency());
    CHECK (limiter->latency() >= 240);   // 5 ms of look-ahead at 48 kHz
    auto signal = sine (1000.0, 0.5, 48000);
    runMono (*limiter, signal);
    float peak = 0.0f;
    for (size_t i = 4800; i < signal.size(); ++i)
        peak = std::max (peak, std::abs (signal[i]));
    CHECK (db (peak) < db (0.25) + 0.1);
    CHECK (db (peak) > db (0.25) - 1.0);   // limited, not muted
}

TEST_CASE ("plug-in inserts process without allocating or locking", "[pluginhost][realtime]")
{
    pluginhost::install();
    for (auto* uri : { x42Eq, lspEq, x42Limiter, lspLimiter })
    {
        INFO (uri);
        auto insert = engine::makeInsert (lv2Plan ("p", uri), 2, 48000.0);
        std::vector<float> left (48000, 0.1f), right (48000, -0.1f);
        armRealtimeGuard();
        {
            RealtimeScope scope;
            for (size_t at = 0; at < left.size(); at += 480)
            {
                float* channels[] = { left.data() + at, right.data() + at };
                insert->process (channels, 2, 480);
            }
        }
        const auto violations = disarmRealtimeGuard();
        CHECK (violations.allocations == 0);
        CHECK (violations.frees == 0);
        CHECK (violations.locks == 0);
    }
}

TEST_CASE ("a mono plug-in on a stereo strip runs dual-mono, a stereo strip's channels stay apart", "[pluginhost]")
{
    pluginhost::install();
    auto eq = engine::makeInsert (lv2Plan ("eq", x42Eq, { { "freq2", 1000.0 }, { "g2", 6.0 }, { "bw2", 0.5 } }), 2, 48000.0);
    auto left = sine (1000.0, 0.1, 48000);
    std::vector<float> right (48000, 0.0f);
    const auto dry = left;
    for (size_t at = 0; at < left.size(); at += 1000)
    {
        float* channels[] = { left.data() + at, right.data() + at };
        eq->process (channels, 2, 1000);
    }
    CHECK (db (rms (left, 24000, 48000) / rms (dry, 24000, 48000)) == Approx (6.0).margin (0.5));
    CHECK (*std::max_element (right.begin(), right.end()) == 0.0f);   // no crosstalk from L

    // A stereo plug-in on a mono strip: the strip feeds both inputs, keeps the left output.
    auto stereo = engine::makeInsert (lv2Plan ("peq", "http://lsp-plug.in/plugins/lv2/para_equalizer_x16_stereo",
                                               { { "ft_0", "Bell" }, { "f_0", 1000.0 }, { "g_0", 2.0 }, { "q_0", 1.0 } }),
                                      1, 48000.0);
    auto mono = sine (1000.0, 0.1, 48000);
    runMono (*stereo, mono, 700);
    CHECK (db (rms (mono, 24000, 48000) / rms (dry, 24000, 48000)) == Approx (6.02).margin (0.5));
}

TEST_CASE ("an unknown parameter is bad input naming the insert and the plug-in's parameters", "[pluginhost]")
{
    pluginhost::install();
    CHECK_THROWS_WITH (engine::makeInsert (lv2Plan ("eq-1", x42Eq, { { "nope", 1.0 } }), 1, 48000.0),
                       Catch::Contains ("insert 'eq-1'") && Catch::Contains ("no parameter 'nope'") && Catch::Contains ("freq2"));
}

TEST_CASE ("a stereo plug-in on a 5.1 strip runs as three instances, one per channel pair", "[pluginhost]")
{
    pluginhost::install();
    auto eq = engine::makeInsert (lv2Plan ("peq", "http://lsp-plug.in/plugins/lv2/para_equalizer_x16_stereo",
                                           { { "ft_0", "Bell" }, { "f_0", 1000.0 }, { "g_0", 2.0 }, { "q_0", 1.0 } }),
                                  6, 48000.0);
    std::vector<std::vector<float>> channels (6);
    for (size_t c = 0; c < 6; ++c)
        channels[c] = sine (c % 2 == 0 ? 1000.0 : 100.0, 0.1, 48000);   // 1 kHz on L C Ls, 100 Hz on R LFE Rs
    const auto dry = channels;
    for (size_t at = 0; at < 48000; at += 1024)
    {
        float* pointers[6];
        for (size_t c = 0; c < 6; ++c)
            pointers[c] = channels[c].data() + at;
        eq->process (pointers, 6, (int) std::min<size_t> (1024, 48000 - at));
    }
    for (size_t c = 0; c < 6; ++c)
    {
        INFO ("channel " << c);
        const double gain = db (rms (channels[c], 24000, 48000) / rms (dry[c], 24000, 48000));
        CHECK (gain == Approx (c % 2 == 0 ? 6.02 : 0.0).margin (0.5));
    }
}
