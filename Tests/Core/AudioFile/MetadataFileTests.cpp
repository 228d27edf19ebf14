// bext and iXML in real files: written by LoopStage and read back, cross-checked by ffprobe and
// sndfile-info, and read from files other tools wrote.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "ForeignWav.h"
#include "Support/Process.h"
#include "Support/TempDir.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace loopstage;
using namespace loopstage::audio;
using namespace loopstage::test;

namespace
{
BextChunk sceneBext()
{
    BextChunk b;
    b.setDescriptionValue ("sSCENE", "12A");
    b.setDescriptionValue ("sTAKE", "3");
    b.originator = "LoopStage";
    b.originatorReference = "LS-ADR-0001";
    b.originationDate = "2026-11-29";
    b.originationTime = "14:05:59";
    b.setTimeReference ({ 1, 0, 0, 0 }, timecode::FrameRate::parse ("25"), 48000);
    b.setUmidHex ("060a2b340101010501010d4313000000a1b2c3d4e5f60718293a4b5c6d7e8f90");
    b.loudnessValue = -23.0;
    b.loudnessRange = 6.5;
    b.maxTruePeakLevel = -1.5;
    b.codingHistory = "A=PCM,F=48000,W=24,M=stereo,T=LoopStage\r\n";
    return b;
}

IxmlChunk sceneIxml()
{
    IxmlChunk x;
    x.project = "Night & Day";
    x.scene = "12A";
    x.take = "3";
    x.tape = "SR004";
    x.circled = true;
    x.note = "ADR <line 14>";
    IxmlSpeed s;
    s.setFrameRate (timecode::FrameRate::parse ("25"));
    s.fileSampleRate = 48000;
    s.audioBitDepth = 24;
    s.timestampSamplesSinceMidnight = 172800000;
    s.timestampSampleRate = 48000;
    x.speed = s;
    x.tracks = { { 1, 1, "Boom", "L" }, { 2, 2, "Lav", "R" } };
    return x;
}

std::filesystem::path writeTagged (const TempDir& dir, const std::string& name, std::optional<Container> container,
                                   SampleFormat format = SampleFormat::int24)
{
    AudioWriteOptions options { 48000, 2, format, container };
    options.bext = sceneBext();
    options.ixml = sceneIxml();
    const auto file = dir / name;
    AudioFileWriter writer (file, options);
    writer.write (testBuffer (2, 24000, 48000));
    writer.commit();
    return file;
}

nlohmann::json ffprobeTags (const std::filesystem::path& file)
{
    const auto out = runOrFail ({ "ffprobe", "-v", "error", "-show_format", "-of", "json", file.string() });
    return nlohmann::json::parse (out)["format"]["tags"];
}

std::string lower (std::string s)
{
    std::transform (s.begin(), s.end(), s.begin(), [] (unsigned char c) { return (char) std::tolower (c); });
    return s;
}
} // namespace

TEST_CASE ("bext and iXML round trip in WAV, checked by ffprobe and sndfile-info", "[audiofile][bext][ixml]")
{
    TempDir dir ("bwf");
    for (auto [name, container, format] : { std::tuple { "take.wav", std::optional<Container>(), SampleFormat::int24 },
                                            std::tuple { "take-float.wav", std::optional<Container>(), SampleFormat::float32 },
                                            std::tuple { "take-rf64.wav", std::optional (Container::rf64), SampleFormat::int16 } })
    {
        INFO (name);
        const auto file = writeTagged (dir, name, container, format);
        AudioFileReader reader (file);
        REQUIRE (reader.bext());
        REQUIRE (reader.ixml());
        CHECK (*reader.bext() == sceneBext());
        CHECK (*reader.ixml() == sceneIxml());
        CHECK (reader.metadataWarnings().empty());
        CHECK (reader.info().frames == 24000);
        CHECK (reader.readRange (100, 1).channels[1][0] == Approx (testSample (1, 100)).margin (1e-4));

        const auto tags = ffprobeTags (file);
        CHECK (tags["comment"] == "sSCENE=12A\r\nsTAKE=3\r\n");
        CHECK (tags["encoded_by"] == "LoopStage");
        CHECK (tags["originator_reference"] == "LS-ADR-0001");
        CHECK (tags["date"] == "2026-11-29");
        CHECK (tags["creation_time"] == "14:05:59");
        CHECK (tags["time_reference"] == "172800000");
        CHECK (lower (tags["umid"].get<std::string>()) == "0x" + sceneBext().umidHex());
        CHECK (tags["coding_history"] == sceneBext().codingHistory);

        const auto chunks = runOrFail ({ "sndfile-info", file.string() });
        CHECK_THAT (chunks, Catch::Contains ("bext : ") && Catch::Contains ("iXML : "));
        const auto bwf = runOrFail ({ "sndfile-info", "--broadcast", file.string() });
        CHECK_THAT (bwf, Catch::Contains ("(3600.000000 seconds)"));
        CHECK_THAT (bwf, Catch::Contains ("Originator               : LoopStage"));
        CHECK_THAT (bwf, Catch::Contains ("BWF version              : 2"));
        CHECK_THAT (bwf, Catch::Contains ("Loudness value           : -23.00 LUFS"));
        CHECK_THAT (bwf, Catch::Contains ("Max. true peak level     :  -1.50 dBTP"));
    }
}

TEST_CASE ("an iXML text of odd length comes back whole", "[audiofile][ixml]")
{
    TempDir dir ("odd");
    AudioWriteOptions options { 48000, 1, SampleFormat::int16, std::nullopt };
    IxmlChunk x;
    for (auto scene : { "1", "12", "123", "1234" })   // four lengths: every padding case
    {
        x.scene = scene;
        options.ixml = x;
        const auto file = dir / (std::string (scene) + ".wav");
        AudioFileWriter writer (file, options);
        writer.write (testBuffer (1, 100, 48000));
        writer.commit();
        AudioFileReader reader (file);
        REQUIRE (reader.ixml());
        CHECK (reader.ixml()->scene == scene);
        CHECK (reader.ixmlText() == toXml (x).substr (0, toXml (x).size() - 1));   // trailing newline is padding
    }
}

TEST_CASE ("bext written by ffmpeg is read", "[audiofile][bext]")
{
    TempDir dir ("ffmpeg");
    const auto file = dir / "ffmpeg.wav";
    runOrFail ({ "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=1000:duration=0.5:sample_rate=48000",
                 "-c:a", "pcm_s24le", "-write_bext", "1", "-metadata", "description=sSCENE=4B\r\nsTAKE=9",
                 "-metadata", "originator=ffmpeg-test", "-metadata", "originator_reference=REF-1",
                 "-metadata", "origination_date=2026-01-02", "-metadata", "origination_time=10:11:12",
                 "-metadata", "time_reference=86400000", "-metadata", "coding_history=A=PCM,F=48000,W=24,M=mono\r\n",
                 file.string() });
    AudioFileReader reader (file);
    REQUIRE (reader.bext());
    const auto& b = *reader.bext();
    CHECK (b.scene() == "4B");
    CHECK (b.take() == "9");
    CHECK (b.originator == "ffmpeg-test");
    CHECK (b.originatorReference == "REF-1");
    CHECK (b.originationDate == "2026-01-02");
    CHECK (b.originationTime == "10:11:12");
    CHECK (b.timeReference == 86400000u);
    CHECK (b.codingHistory == "A=PCM,F=48000,W=24,M=mono\r\n");
    CHECK_FALSE (reader.ixml());
    CHECK (reader.info().frames == 24000);
}

TEST_CASE ("bext and iXML from another writer are read; a damaged iXML only warns", "[audiofile][ixml]")
{
    TempDir dir ("foreign");
    const std::string ixml = "<?xml version=\"1.0\"?>\n<BWFXML><IXML_VERSION>1.52</IXML_VERSION><PROJECT>Doc</PROJECT>"
                             "<SCENE>7</SCENE><TAKE>1</TAKE><CIRCLED>FALSE</CIRCLED><SPEED><TIMECODE_RATE>30000/1001</TIMECODE_RATE>"
                             "<TIMECODE_FLAG>DF</TIMECODE_FLAG></SPEED><TRACK_LIST><TRACK_COUNT>1</TRACK_COUNT><TRACK>"
                             "<CHANNEL_INDEX>1</CHANNEL_INDEX><NAME>Mix</NAME></TRACK></TRACK_LIST></BWFXML>";
    const auto file = dir / "foreign.wav";
    writeForeignWav (file, "sSCENE=7\r\nsTAKE=1\r\n", 172799827ull, ixml + "x");   // odd length: pad byte
    AudioFileReader reader (file);
    CHECK (reader.info().frames == 4800);
    REQUIRE (reader.bext());
    CHECK (reader.bext()->originator == "ForeignRecorder");
    CHECK (reader.bext()->version == 1);
    CHECK (reader.bext()->timeReference == 172799827u);
    CHECK (reader.bext()->scene() == "7");
    CHECK_FALSE (reader.bext()->loudnessValue);
    // "x" after the root makes that iXML malformed: the audio still reads, with a warning.
    CHECK_FALSE (reader.ixml());
    REQUIRE (reader.metadataWarnings().size() == 1);
    CHECK_THAT (reader.metadataWarnings()[0], Catch::Contains ("iXML"));

    writeForeignWav (file, "", 0, ixml);
    AudioFileReader good (file);
    REQUIRE (good.ixml());
    CHECK (good.ixml()->project == "Doc");
    CHECK (good.ixml()->circled == false);
    CHECK (good.ixml()->speed->frameRate() == timecode::FrameRate::parse ("29.97df"));
    CHECK (good.ixml()->tracks.at (0).name == "Mix");
    CHECK (good.metadataWarnings().empty());

    // Recorders often put bext and iXML after the audio (odd frame count: data has a pad byte).
    writeForeignWav (file, "sSCENE=after", 5, ixml, 4801, true);
    AudioFileReader after (file);
    CHECK (after.info().frames == 4801);
    REQUIRE (after.bext());
    CHECK (after.bext()->scene() == "after");
    CHECK (after.bext()->timeReference == 5u);
    REQUIRE (after.ixml());
    CHECK (after.ixml()->project == "Doc");
    CHECK (after.readRange (4800, 1).numFrames() == 1);
}

TEST_CASE ("files without metadata have none", "[audiofile]")
{
    TempDir dir ("plain");
    for (auto name : { "plain.wav", "plain.aiff", "plain.flac" })
    {
        writeAudio (dir / name, testBuffer (1, 100, 48000), SampleFormat::int16);
        AudioFileReader reader (dir / name);
        CHECK_FALSE (reader.bext());
        CHECK_FALSE (reader.ixml());
        CHECK (reader.ixmlText().empty());
    }
}
