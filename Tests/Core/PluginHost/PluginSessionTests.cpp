// Plug-ins inside sessions: state saved in the session file restores the exact sound, delay
// compensation aligns a plug-in's track with its dry twin, a missing plug-in is bypassed with a
// warning, a corrupt state is bad input.
#include "Support/MediaFactory.h"
#include "PluginSessionSupport.h"
#include "PluginTestSupport.h"
#include "Base/Error.h"
#include "Engine/DiskStreamer.h"
#include "Engine/GraphCompiler.h"
#include "Engine/OfflineRenderer.h"
#include "PluginHost/Catalogue.h"
#include "Mix/SessionToPlan.h"
#include "Session/SessionFile.h"

#include <catch2/catch.hpp>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
session::Insert lv2Insert (const std::string& id, const std::string& uri, Json parameters = Json::object())
{
    return { .id = id, .kind = session::Insert::Kind::lv2, .plugin = uri, .parameters = std::move (parameters) };
}

/** The lag (samples) of b against a with the highest correlation, within +-maxLag. */
int bestLag (const std::vector<float>& a, const std::vector<float>& b, int maxLag)
{
    int best = 0;
    double bestSum = -1e300;
    for (int lag = -maxLag; lag <= maxLag; ++lag)
    {
        double sum = 0.0;
        for (size_t i = (size_t) maxLag; i + (size_t) maxLag < a.size(); ++i)
            sum += (double) a[i] * b[(size_t) ((std::int64_t) i + lag)];
        if (sum > bestSum)
        {
            bestSum = sum;
            best = lag;
        }
    }
    return best;
}
} // namespace

TEST_CASE ("a plug-in's state saved in the session file restores the same sound", "[pluginhost][session]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-state");
    const auto source = makeSource (dir, "tone", 1, 1.0, "sine 1000", 0.1);
    auto s = twinSession (source, 1.0);

    // Settings given as parameters, captured as the plug-in's own state, then the parameters
    // dropped: only the state can make the sound now.
    auto withParameters = lv2Insert ("peq", lspEq, { { "ft_0", "Bell" }, { "f_0", 1000.0 }, { "g_0", 2.0 }, { "q_0", 1.0 } });
    s.tracks[0].inserts = { withParameters };
    const auto reference = renderSession (s);

    auto stateOnly = withParameters;
    stateOnly.stateBase64 = pluginhost::captureState (withParameters, 1, 48000.0);
    stateOnly.parameters = Json::object();
    REQUIRE (stateOnly.stateBase64.size() > 100);
    s.tracks[0].inserts = { stateOnly };
    session::saveSession (s, dir / "state.lsession");
    const auto reopened = session::loadSession (dir / "state.lsession");
    REQUIRE (reopened.tracks[0].inserts[0].stateBase64 == stateOnly.stateBase64);
    const auto restored = renderSession (reopened);

    const auto& wet = stemChannel (restored, "DX");
    const auto& dry = stemChannel (restored, "FX");
    CHECK (wet == stemChannel (reference, "DX"));   // bit-identical
    CHECK (db (rms (wet, 24000, 48000) / rms (dry, 24000, 48000)) == Approx (6.02).margin (0.5));
}

TEST_CASE ("delay compensation aligns a latent plug-in's track with its dry twin to the sample", "[pluginhost][pdc]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-pdc");
    const auto source = makeSource (dir, "noise", 1, 1.0, "pinknoise", 0.05);
    // Both at unity: the x42 limiter under its threshold, the LSP limiter at 0 dBFS threshold,
    // so each is a pure delay of its reported latency.
    const std::vector<session::Insert> latent { lv2Insert ("dpl", x42Limiter, { { "threshold", 0.0 } }),
                                                lv2Insert ("lsp", lspLimiter, { { "th", 1.0 }, { "boost", 0 }, { "lk", 5.0 }, { "alr", 0 } }) };
    for (const auto& insert : latent)
    {
        INFO (insert.plugin);
        auto s = twinSession (source, 1.0);
        s.tracks[0].inserts = { insert };
        const auto mix = renderSession (s);
        INFO ("latency " << mix.latency);
        CHECK (mix.latency > 0);
        const auto& wet = stemChannel (mix, "DX");
        const auto& dry = stemChannel (mix, "FX");
        CHECK (bestLag (dry, wet, 2000) == 0);
        double residual = 0.0, energy = 0.0;
        for (size_t i = 4800; i < 43200; ++i)
        {
            residual += (double) (wet[i] - dry[i]) * (wet[i] - dry[i]);
            energy += (double) dry[i] * dry[i];
        }
        CHECK (10.0 * std::log10 (residual / energy) < -60.0);   // the same signal, not merely similar
    }
}

TEST_CASE ("a missing plug-in is bypassed with a warning and the session still renders", "[pluginhost][session]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-missing");
    const auto source = makeSource (dir, "noise", 1, 0.5, "pinknoise", 0.1);
    auto s = twinSession (source, 0.5);
    s.tracks[0].inserts = { lv2Insert ("gone", "urn:loopstage:test:no-such-plugin") };
    std::vector<std::string> warnings;
    const auto mix = renderSession (s, &warnings);
    REQUIRE (warnings.size() == 1);
    CHECK_THAT (warnings[0], Catch::Contains ("'gone'") && Catch::Contains ("not installed") && Catch::Contains ("bypassed"));
    CHECK (stemChannel (mix, "DX") == stemChannel (mix, "FX"));
    CHECK (s.tracks[0].inserts.size() == 1);   // kept in the session
}

TEST_CASE ("a corrupt plug-in state is bad input naming the insert", "[pluginhost][session]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-bad-state");
    const auto source = makeSource (dir, "noise", 1, 0.5, "pinknoise", 0.1);
    auto s = twinSession (source, 0.5);
    auto insert = lv2Insert ("eq-1", x42Eq);
    for (const auto* state : { "*** not base64 ***", "aGVsbG8gd29ybGQ=" /* "hello world" */ })
    {
        insert.stateBase64 = state;
        s.tracks[0].inserts = { insert };
        CHECK_THROWS_AS (mix::sessionToPlan (s), InputError);
        CHECK_THROWS_WITH (mix::sessionToPlan (s), Catch::Contains ("strip 'wet', insert 'eq-1'") && Catch::Contains ("state"));
    }
}

TEST_CASE ("a rebuild keeps an unchanged plug-in (no new instance, state continues) and remakes a changed one", "[pluginhost]")
{
    pluginhost::install();
    TempDir dir ("pluginhost-rebuild");
    const auto source = makeSource (dir, "noise", 1, 0.5, "pinknoise", 0.1);
    auto s = twinSession (source, 0.5);
    s.tracks[0].inserts = { lv2Insert ("lim", lspLimiter, { { "th", 0.5 } }) };
    engine::DiskStreamer streamer (48000);
    auto first = engine::compileGraph (mix::sessionToPlan (s), 1024, streamer);
    const auto before = pluginhost::detail::instancesMade();

    s.tracks[0].gainDb = -3.0;   // an edit elsewhere on the strip
    auto second = engine::compileGraph (mix::sessionToPlan (s), 1024, streamer, first.get());
    CHECK (pluginhost::detail::instancesMade() == before);
    CHECK (second->insertsById.at ("wet/lim") == first->insertsById.at ("wet/lim"));

    s.tracks[0].inserts[0].parameters["th"] = 0.25;
    auto third = engine::compileGraph (mix::sessionToPlan (s), 1024, streamer, second.get());
    CHECK (pluginhost::detail::instancesMade() == before + 1);
    CHECK (third->insertsById.at ("wet/lim") != second->insertsById.at ("wet/lim"));
}
