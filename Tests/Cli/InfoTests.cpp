// `loopstage info`: format facts and Broadcast WAV metadata, cross-checked with ffprobe; corrupt
// files give exit 2 with the contract's error line.
#include "Support/CliJson.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

using namespace loopstage::test;

namespace
{
/** A 0.5 s mono 24-bit BWF made by ffmpeg (bext), with an iXML chunk appended by Python. */
std::filesystem::path makeBwf (const TempDir& dir)
{
    const auto file = dir / "take.wav";
    runOrFail ({ "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=1000:duration=0.5:sample_rate=48000",
                 "-c:a", "pcm_s24le", "-write_bext", "1", "-metadata", "description=sSCENE=4B\r\nsTAKE=9\r\n",
                 "-metadata", "originator=ffmpeg-test", "-metadata", "time_reference=172800000", file.string() });
    const std::string ixml = "<?xml version=\"1.0\"?><BWFXML><IXML_VERSION>1.61</IXML_VERSION><PROJECT>Night &amp; Day</PROJECT>"
                             "<SCENE>4B</SCENE><TAKE>9</TAKE><TAPE>SR1</TAPE><CIRCLED>TRUE</CIRCLED>"
                             "<SPEED><TIMECODE_RATE>25/1</TIMECODE_RATE><TIMECODE_FLAG>NDF</TIMECODE_FLAG>"
                             "<FILE_SAMPLE_RATE>48000</FILE_SAMPLE_RATE></SPEED>"
                             "<TRACK_LIST><TRACK_COUNT>1</TRACK_COUNT><TRACK><CHANNEL_INDEX>1</CHANNEL_INDEX>"
                             "<INTERLEAVE_INDEX>1</INTERLEAVE_INDEX><NAME>Boom</NAME><FUNCTION>M</FUNCTION></TRACK></TRACK_LIST></BWFXML>";
    static const char* append = R"PY(
import struct, sys
path, text = sys.argv[1], sys.argv[2].encode()
data = open(path, 'rb').read()
chunk = b'iXML' + struct.pack('<I', len(text)) + text + (b'\0' if len(text) % 2 else b'')
body = data[8:] + chunk
open(path, 'wb').write(b'RIFF' + struct.pack('<I', len(body)) + body)
)PY";
    runOrFail ({ "python3", "-c", append, file.string(), ixml });
    return file;
}

nlohmann::json info (std::vector<std::string> args)
{
    args.insert (args.begin(), "info");
    args.push_back ("--json");
    return runLoopstageJson (args);
}
} // namespace

TEST_CASE ("info reports format, bext and iXML, agreeing with ffprobe", "[cli][audiofile]")
{
    TempDir dir ("info");
    const auto file = makeBwf (dir);
    const auto j = info ({ file.string() });
    CHECK (j["file"] == "take.wav");
    CHECK (j["container"] == "wav");
    CHECK (j["format"] == "pcm24");
    CHECK (j["bit_depth"] == 24);
    CHECK (j["sample_rate"] == 48000);
    CHECK (j["channels"] == 1);
    CHECK (j["frames"] == 24000);
    CHECK (j["duration"].get<double>() == Approx (0.5));
    CHECK (j["warnings"].empty());

    const auto& b = j["bext"];
    CHECK (b["time_reference_samples"] == 172800000);
    CHECK (b["time_reference"].get<double>() == Approx (3600.0));
    CHECK (b["timecode"] == "01:00:00:00");   // at the iXML SPEED rate
    CHECK (b["timecode_rate"] == "25");
    CHECK (b["scene"] == "4B");
    CHECK (b["take"] == "9");
    CHECK (b["originator"] == "ffmpeg-test");
    CHECK (b["loudness_value_lufs"].is_null());

    const auto& x = j["ixml"];
    CHECK (x["project"] == "Night & Day");
    CHECK (x["scene"] == "4B");
    CHECK (x["take"] == "9");
    CHECK (x["tape"] == "SR1");
    CHECK (x["circled"] == true);
    CHECK (x["note"].is_null());
    CHECK (x["speed"]["frame_rate"] == "25");
    CHECK (x["speed"]["file_sample_rate"] == 48000);
    REQUIRE (x["tracks"].size() == 1);
    CHECK (x["tracks"][0]["name"] == "Boom");
    CHECK (x["tracks"][0]["function"] == "M");

    // ffprobe reads the same file the same way.
    const auto probe = nlohmann::json::parse (runOrFail ({ "ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", file.string() }));
    CHECK (probe["streams"][0]["duration_ts"] == j["frames"]);
    CHECK (probe["format"]["tags"]["time_reference"] == std::to_string (b["time_reference_samples"].get<std::uint64_t>()));
    CHECK (probe["format"]["tags"]["comment"] == b["description"]);
}

TEST_CASE ("info --rate reads the time reference at another frame rate", "[cli][audiofile]")
{
    TempDir dir ("info-rate");
    const auto file = makeBwf (dir);
    CHECK (info ({ file.string(), "--rate", "29.97df" })["bext"]["timecode"] == "01:00:00;00");
    // 3600 s of 23.976 is 86313.7 frames: the label runs behind the wall clock.
    CHECK (info ({ file.string(), "--rate", "23.976" })["bext"]["timecode"] == "00:59:56:09");
    auto r = runLoopstage ({ "info", file.string(), "--rate", "23.976df" });
    CHECK (r.exitCode == 2);

    const auto human = runLoopstage ({ "info", file.string() });
    CHECK (human.exitCode == 0);
    CHECK_THAT (human.out, Catch::Contains ("wav, pcm24, 48000 Hz, 1 channel"));
    CHECK_THAT (human.out, Catch::Contains ("01:00:00:00 at 25"));
    CHECK_THAT (human.out, Catch::Contains ("Boom (M)"));
}

TEST_CASE ("info on a plain file has null metadata", "[cli][audiofile]")
{
    TempDir dir ("info-plain");
    const auto file = dir / "tone.flac";
    runOrFail ({ "sox", "-n", "-r", "44100", "-c", "2", "-b", "16", file.string(), "synth", "1", "sine", "440" });
    const auto j = info ({ file.string() });
    CHECK (j["container"] == "flac");
    CHECK (j["format"] == "pcm16");
    CHECK (j["channels"] == 2);
    CHECK (j["frames"] == 44100);
    CHECK (j["bext"].is_null());
    CHECK (j["ixml"].is_null());
}

TEST_CASE ("info on corrupt or wrong files exits 2 naming the file", "[cli][audiofile]")
{
    TempDir dir ("info-bad");
    std::ofstream (dir / "empty.wav").close();
    std::ofstream (dir / "notes.wav") << "ADR notes, reel 3\n";
    {
        std::mt19937 rng (7);
        std::ofstream out (dir / "random.wav", std::ios::binary);
        for (int i = 0; i < 10000; ++i)
            out.put ((char) (rng() & 0xFF));
    }
    std::ofstream (dir / "truncated.wav", std::ios::binary) << std::string ("RIFF\x24\x10\0\0WAVEfmt \x10\0\0\0\x01\0", 22);
    std::filesystem::create_directory (dir / "folder.wav");

    for (auto name : { "empty.wav", "notes.wav", "random.wav", "truncated.wav", "folder.wav", "missing.wav" })
    {
        INFO (name);
        const auto file = (dir / name).string();
        auto r = runLoopstage ({ "info", file });
        CHECK (r.exitCode == 2);
        CHECK_THAT (r.err, Catch::StartsWith ("loopstage: error: " + file + ": "));
        CHECK (r.out.empty());
        auto j = runLoopstage ({ "info", file, "--json" });
        CHECK (j.exitCode == 2);
        CHECK_THAT (jsonOf (j)["error"].get<std::string>(), Catch::StartsWith (file + ": "));
    }
}

TEST_CASE ("info usage and help", "[cli][audiofile]")
{
    CHECK (runLoopstage ({ "info" }).exitCode == 1);
    auto help = runLoopstage ({ "info", "--help" });
    CHECK (help.exitCode == 0);
    CHECK_THAT (help.out, Catch::Contains ("time_reference_samples") && Catch::Contains ("--rate"));
}
