// `loopstage play`: a session through JUCE's device manager to a real JACK server (dummy backend).
#include "Support/JackServer.h"
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace loopstage::test;
using json = nlohmann::ordered_json;

namespace
{
std::filesystem::path makeSession (const TempDir& dir)
{
    const auto s = (dir / "scene.lsession").string();
    runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-b", "24", (dir / "line.wav").string(), "synth", "4", "pinknoise", "vol", "0.2" });
    for (auto args : std::vector<std::vector<std::string>> {
             { "session", "new", s, "--rate", "24", "--name", "Play scene" },
             { "session", "add-track", s, "--name", "DX", "--kind", "dx", "--channels", "1" },
             { "session", "add-region", s, "--track", "DX", "--file", (dir / "line.wav").string(), "--at", "0" } })
        runLoopstageOrFail (args);
    return s;
}
} // namespace

TEST_CASE ("JACK: loopstage play runs a session through a real JACK server", "[cli][jack]")
{
    TempDir dir ("cli-play");
    const auto session = makeSession (dir);
    JackServer server (512);
    REQUIRE (server.started());
    ::setenv ("JACK_DEFAULT_SERVER", server.name.c_str(), 1);   // inherited by the loopstage process
    ProcessResult r;
    JackServer::waitUntil ([&]
    {
        r = runLoopstage ({ "play", session.string(), "--seconds", "2", "--json" });
        return r.exitCode != 2;   // 2 while jackd is still starting
    });
    ::unsetenv ("JACK_DEFAULT_SERVER");
    INFO (r.err);
    REQUIRE (r.exitCode == 0);
    const auto j = jsonOf (r);
    CHECK (j["device_type"] == "JACK");
    CHECK (j["device"] == "system");
    CHECK (j["sample_rate"] == 48000.0);
    CHECK (j["buffer_size"] == 512);
    CHECK (j["played_seconds"].get<double>() >= 2.0);
    // Wall-clock lateness counts the VM's stalls (docs/ENGINE.md); the engine's own work must fit.
    CHECK (j.contains ("late_callbacks"));
    CHECK (j["over_budget_callbacks"] == 0);
    CHECK (j["longest_callback_cpu_us"].get<double>() > 0.0);
    CHECK (j["underruns"] == 0);
}

TEST_CASE ("loopstage play names the device it cannot open and exits 2", "[cli]")
{
    TempDir dir ("cli-play-bad");
    const auto session = makeSession (dir);
    ::setenv ("JACK_DEFAULT_SERVER", "loopstage-no-such-server", 1);
    ::setenv ("JACK_NO_START_SERVER", "1", 1);
    auto r = runLoopstage ({ "play", session.string(), "--seconds", "1" });
    ::unsetenv ("JACK_DEFAULT_SERVER");
    ::unsetenv ("JACK_NO_START_SERVER");
    CHECK (r.exitCode == 2);
    CHECK_THAT (r.err, Catch::Contains ("cannot open JACK output"));
    r = runLoopstage ({ "play", session.string(), "--device", "firewire" });
    CHECK (r.exitCode == 2);
    CHECK_THAT (r.err, Catch::Contains ("--device is jack or alsa"));
}
