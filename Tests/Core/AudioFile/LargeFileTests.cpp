// Files past 4 GB become RF64. Writing 4 GB takes ~40 s on this machine (past the module's test
// budget), so the real check is hidden: run it with `tests_audiofile "[.rf64-4gb]"`. The
// format choice it relies on is checked in FormatTests.cpp on every run.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace loopstage;
using namespace loopstage::audio;

TEST_CASE ("a WAV past 4 GB is written as RF64 with its bext and iXML", "[.rf64-4gb][audiofile]")
{
    test::TempDir dir ("rf64-big");
    const auto file = dir / "long.wav";
    const std::int64_t frames = (std::int64_t (1) << 31) + 1000000;   // mono 16-bit: 4.3 GB of data
    {
        AudioWriteOptions options { 48000, 1, SampleFormat::int16, std::nullopt };
        options.bext = BextChunk {};
        options.bext->description = "sSCENE=long";
        options.bext->timeReference = 172800000;
        options.ixml = IxmlChunk {};
        options.ixml->scene = "long";
        AudioFileWriter writer (file, options);
        std::vector<float> silence (1 << 20, 0.0f);
        const float* ptr = silence.data();
        for (std::int64_t done = 0; done < frames; done += (std::int64_t) silence.size())
            writer.write (&ptr, std::min<std::int64_t> ((std::int64_t) silence.size(), frames - done));
        writer.commit();
    }
    std::ifstream in (file, std::ios::binary);
    char head[4] {};
    in.read (head, 4);
    CHECK (std::string (head, 4) == "RF64");

    AudioFileReader reader (file);
    CHECK (reader.info().container == Container::rf64);
    CHECK (reader.info().frames == frames);
    REQUIRE (reader.bext());
    CHECK (reader.bext()->timeReference == 172800000u);
    REQUIRE (reader.ixml());
    CHECK (reader.ixml()->scene == "long");

    const auto probe = nlohmann::json::parse (test::runOrFail ({ "ffprobe", "-v", "error", "-show_streams", "-show_format",
                                                                 "-of", "json", file.string() }));
    CHECK (probe["streams"][0]["duration_ts"] == frames);
    CHECK (probe["format"]["tags"]["time_reference"] == "172800000");
    std::filesystem::remove (file);
}
