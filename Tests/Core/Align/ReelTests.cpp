// A scene or a reel (minutes, not a line) whose take runs at another pace: PAL speed-up plays
// 24 fps material at 25, 4.17 % fast, so the take drifts by 16 s over 6.5 minutes. No single
// lag lines that up; the coarse line must find the pace (CoarseLine.h, excerpts).
#include "SpeechFixtures.h"
#include "Align/Align.h"
#include "Align/MonoSource.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
// `seconds` of espeak-ng speech: five paragraphs in turn by six voices at several paces, so the
// same words come back in other voices (what makes a lag that merely sounds alike tempting).
align::MonoSignal speech (const std::filesystem::path& dir, double seconds)
{
    const std::vector<std::string> paragraphs {
        "Get down, they are coming through the north gate. We have maybe ten minutes before the whole place goes up.",
        "Where were you on the night of the fire? I told you never to come back here, not after what you did.",
        "Keep the line tight and watch the window. Seven ships sailed at dawn towards the islands in the east.",
        "The bridge will fall before midnight unless somebody stops them now. Listen carefully, there is no time.",
        "We buried him under the old oak tree, down by the river, and nobody has spoken his name since that winter.",
    };
    const std::vector<std::string> voices { "en-us", "en-gb", "en+m3", "en+f3", "en-us+f2", "en-gb-scotland" };
    align::MonoSignal reel { {}, 48000 };
    for (int k = 0; reel.samples.size() < (size_t) (seconds * 48000); ++k)
    {
        const auto part = speak (dir, paragraphs[(size_t) k % paragraphs.size()], voices[(size_t) k % voices.size()],
                                 140 + (k * 17) % 50, 48000);
        reel.samples.insert (reel.samples.end(), part.samples.begin(), part.samples.end());
        reel.samples.insert (reel.samples.end(), (size_t) (48000 * (0.3 + 0.1 * (k % 4))), 0.0f);
    }
    return reel;
}

// The take is the guide's speech played `pace` times faster after `lead` seconds: the map must
// say take = lead + guide / pace wherever the take still speaks.
void checkLine (const std::filesystem::path& dir, double seconds, double pace, double lead)
{
    const auto reel = speech (dir, seconds);
    writeMono (dir / "speech.wav", reel);
    dirtyGuide (dir / "speech.wav", dir / "guide.wav", 15.0, "pinknoise");
    soxEffects (dir / "speech.wav", dir / "take.wav", { "speed", std::to_string (pace), "pad", std::to_string (lead) });

    align::AlignOptions options;
    options.warp = true;
    const align::FileSource guide (dir / "guide.wav"), take (dir / "take.wav");
    const auto result = align::alignSources (guide, take, options);
    CHECK (result.confidence > 0.5);
    const double length = (double) reel.samples.size() / 48000;
    for (double t = 10.0; t < length - 10.0; t += length / 12.0)
    {
        INFO ("guide " << t << " s: take " << align::takeTimeAt (result, t) << " s, truth " << lead + t / pace);
        CHECK (std::abs (align::takeTimeAt (result, t) - (lead + t / pace)) < 0.03);
    }
}
} // namespace

TEST_CASE ("a reel at PAL speed-up keeps its line", "[align]")
{
    TempDir dir ("align-reel");
    checkLine (dir.path(), 390.0, 25.0 / 24.0, 1.5);
}

TEST_CASE ("a two-minute scene 3 % fast keeps its line", "[align]")
{
    // Under five minutes the whole file's pace was searched in steps of 0.02: the 0.01 left over
    // drifted 1.2 s across the scene and another voice's reading of the same words won (19 s off).
    TempDir dir ("align-scene");
    checkLine (dir.path(), 120.0, 1.03, 0.8);
}
