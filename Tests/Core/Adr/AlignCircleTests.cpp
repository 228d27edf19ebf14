// The ADR service end to end on real speech: takes aligned into a saved session, the session
// reopened, the best take circled from what the session stored (nothing kept between calls),
// and the aligned copy a Broadcast WAV another DAW can place on the same sample.
#include "Adr/BestTake.h"
#include "Adr/Circling.h"
#include "Adr/CueAlignment.h"
#include "Align/Align.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/BextChunk.h"
#include "Session/SessionHistory.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
    /** espeak-ng speaking `line` at `wordsPerMinute`, 48 kHz mono float, after `lead` seconds of
        room noise and before one second of it. */
    std::filesystem::path speech (const TempDir& dir, const std::string& name, const std::string& line, int wordsPerMinute,
                                  double lead, double noiseDb)
    {
        const auto raw = dir / (name + "-raw.wav");
        const auto out = dir / (name + ".wav");
        runOrFail ({ "espeak-ng", "-v", "en-us", "-s", std::to_string (wordsPerMinute), "-w", raw.string(), line });
        const auto noise = dir / (name + "-noise.wav");
        const auto voiced = dir / (name + "-voiced.wav");
        runOrFail ({ "sox", raw.string(), "-r", "48000", "-b", "32", "-e", "float", voiced.string(), "rate", "-v", "48000", "pad",
                     std::to_string (lead), "1.0" });
        const auto seconds = std::to_string (std::stod (runOrFail ({ "soxi", "-D", voiced.string() })));
        runOrFail ({ "sox", "-R", "-n", "-r", "48000", "-b", "32", "-e", "float", "-c", "1", noise.string(), "synth", seconds,
                     "pinknoise", "vol", std::to_string (std::pow (10.0, noiseDb / 20.0)) });
        runOrFail ({ "sox", "-m", voiced.string(), noise.string(), out.string() });
        return out;
    }

    struct Stage
    {
        TempDir dir { "adr-service" };
        std::filesystem::path file = dir / "scene.lsession";
        double guideAt = 10.0;   ///< timeline seconds where the guide region starts

        Stage()
        {
            const auto line = "Get in the car, we are leaving now.";
            const auto guide = speech (dir, "guide", line, 160, 1.0, -40.0);
            const auto take1 = speech (dir, "take1", line, 160, 0.5, -50.0);    // the same read
            const auto take2 = speech (dir, "take2", line, 150, 0.7, -50.0);    // slower, later

            auto s = session::Session::withDefaultStems();
            s.name = "Scene 12";
            s.sampleRate = 48000;
            s.frameRate = timecode::FrameRate::parse ("25");
            s.startTimecode = { 1, 0, 0, 0 };
            session::Track g;
            g.id = "guide";
            g.name = "Guide";
            g.kind = session::TrackKind::guide;
            g.channels = 1;
            session::Track adr = g;
            adr.id = "adr";
            adr.name = "ADR";
            adr.kind = session::TrackKind::adr;
            adr.output = s.defaultOutputFor (session::TrackKind::adr);
            s.tracks = { g, adr };
            session::Region r;
            r.id = "guide-1";
            r.track = "guide";
            r.file = guide;
            r.position = guideAt;
            r.length = audio::probeAudio (guide).durationSeconds();
            s.regions = { r };
            session::AdrCue cue;
            cue.id = "12";
            cue.character = "MAYA";
            cue.line = line;
            cue.track = "adr";
            cue.in = { 1, 0, 11, 0 };
            cue.out = { 1, 0, 13, 10 };
            session::Take t1;
            t1.id = "t1";
            t1.number = 1;
            t1.file = take1;
            session::Take t2 = t1;
            t2.id = "t2";
            t2.number = 2;
            t2.file = take2;
            cue.takes = { t1, t2 };
            s.adrCues = { cue };
            session::createSessionFile (s, file, false);
        }
    };
} // namespace

TEST_CASE ("ADR: align into the session, reopen, circle the best take from what was stored", "[adr]")
{
    Stage stage;
    adr::TakeAlignOptions options;
    options.alignedFolder = stage.dir / "aligned";
    {
        auto doc = session::openWithHistory (stage.file);
        const auto aligned = adr::alignCue (doc.session(), "12", options, false);
        REQUIRE (aligned.takes.size() == 2);
        session::commit (doc, aligned.change);
    }

    // A new process, as on the stage the next morning: only the file is left.
    auto doc = session::openWithHistory (stage.file);
    const auto& s = doc.session();
    const auto* t1 = s.findTake ("t1");
    REQUIRE (t1->offset);
    REQUIRE (t1->confidence);
    REQUIRE (t1->aligned);
    // take(t + offset) ≈ guide(t): speech at 0.5 s in the take, 11.0 s on the timeline.
    CHECK (*t1->offset == Approx (0.5 - (stage.guideAt + 1.0)).margin (0.002));
    CHECK (*t1->confidence > 0.5);

    session::commit (doc, adr::circleBestTake ("12"));
    const auto* best = adr::bestSyncedTake (*doc.session().findCue ("12"));
    REQUIRE (best != nullptr);
    CHECK (best->circled);
    const auto* region = doc.session().findRegion (best->region);
    REQUIRE (region != nullptr);
    CHECK (region->track == "adr");
    CHECK (region->file == best->aligned->file);
    // One representation of the place: the region lands on the aligned copy's sample.
    CHECK (std::llround (region->position * 48000.0) == best->aligned->position);
    CHECK (std::llround (region->length * 48000.0) == best->aligned->length);

    // Circling the other take replaces the region; undo brings the first back.
    const std::string bestId = best->id;
    const std::string other = bestId == "t1" ? "t2" : "t1";
    session::commit (doc, adr::circleTake ("12", other));
    const auto adrRegions = std::count_if (doc.session().regions.begin(), doc.session().regions.end(), [] (auto& r) { return r.track == "adr"; });
    CHECK (adrRegions == 1);
    CHECK (doc.session().findRegion (doc.session().findTake (other)->region)->file == doc.session().findTake (other)->aligned->file);
    CHECK (doc.session().findTake (bestId)->region.empty());
    CHECK (doc.session().findTake (other)->circled);
    CHECK_FALSE (doc.session().findTake (bestId)->circled);
    session::undoAndSave (doc);
    const auto reopened = session::openWithHistory (stage.file);
    CHECK (reopened.session().findTake (bestId)->circled);
    CHECK_FALSE (reopened.session().findTake (other)->circled);
    CHECK (reopened.canRedo());
}

TEST_CASE ("ADR: an aligned take is a Broadcast WAV any DAW places on the guide's sample", "[adr]")
{
    Stage stage;
    adr::TakeAlignOptions options;
    options.alignedFolder = stage.dir / "aligned";
    auto doc = session::openWithHistory (stage.file);
    const auto a = adr::alignTake (doc.session(), "12", "t2", options);
    REQUIRE (a.take.aligned);

    audio::AudioFileReader reader (a.take.aligned->file);
    REQUIRE (reader.bext());
    const auto sessionStart = audio::timeReferenceFromTimecode ({ 1, 0, 0, 0 }, timecode::FrameRate::parse ("25"), 48000.0);
    CHECK (reader.bext()->timeReference == sessionStart + (std::uint64_t) a.take.aligned->position);
    CHECK (reader.bext()->scene() == "12");
    CHECK (reader.bext()->take() == "2");
    REQUIRE (reader.ixml());
    CHECK (reader.ixml()->scene == "12");
    CHECK (reader.ixml()->take == "2");
    CHECK (reader.ixml()->project == "Scene 12");
    CHECK_THAT (reader.ixml()->note, Catch::Contains ("MAYA"));
    REQUIRE (reader.ixml()->speed);
    CHECK (reader.ixml()->speed->timestampSamplesSinceMidnight == reader.bext()->timeReference);
    CHECK (reader.info().frames == a.take.aligned->length);

    // Placed at its TimeReference, the aligned copy sits on the guide: what is left between them
    // is the warp's own residual (a re-performance stretched word by word has no single sample
    // offset), under 3 ms; a misplaced TimeReference would be off by the take's lead-in.
    const auto guide = audio::readAudio (stage.dir / "guide.wav");
    const auto copy = reader.readRange (0, reader.info().frames);
    align::MonoSignal g, c;
    g.sampleRate = c.sampleRate = 48000;
    const auto guideStart = (std::int64_t) std::llround (stage.guideAt * 48000.0);
    for (std::int64_t i = 0; i < copy.numFrames(); ++i)
    {
        const auto at = a.take.aligned->position + i - guideStart;
        g.samples.push_back (at >= 0 && at < guide.numFrames() ? guide.channels[0][(size_t) at] : 0.0f);
        c.samples.push_back (copy.channels[0][(size_t) i]);
    }
    const auto residual = align::alignSignals (g, c, {});
    CHECK (std::abs (residual.offsetSeconds) < 0.003);
}

TEST_CASE ("ADR: circling a take that was never aligned is refused and changes nothing", "[adr]")
{
    Stage stage;
    auto doc = session::openWithHistory (stage.file);
    const auto before = doc.session();
    CHECK_THROWS_WITH (session::commit (doc, adr::circleTake ("12", "t1")), Catch::Contains ("no aligned copy"));
    CHECK (doc.session() == before);
    CHECK_THROWS_WITH (session::commit (doc, adr::circleBestTake ("12")), Catch::Contains ("no aligned take"));
    CHECK_THROWS_WITH (session::commit (doc, adr::rateTake ("t1", 7)), Catch::Contains ("0 to 5"));
    session::commit (doc, adr::rateTake ("t1", 4));
    CHECK (session::openWithHistory (stage.file).session().findTake ("t1")->rating == 4);
}
