// Every container and sample format written and read back, checked against ffprobe; planar
// read, seek and readRange.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Support/Process.h"
#include "Support/TempDir.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <cmath>
#include <fstream>

using namespace loopstage;
using namespace loopstage::audio;
using namespace loopstage::test;

std::string loopstage::test::fileHead (const std::filesystem::path& file, size_t n)
{
    std::ifstream in (file, std::ios::binary);
    std::string s (n, '\0');
    in.read (s.data(), (std::streamsize) n);
    s.resize ((size_t) in.gcount());
    return s;
}

namespace
{
struct Case
{
    Container container;
    SampleFormat format;
    const char* extension;
    const char* ffprobeCodec;
    double tolerance;   // two steps of the format
};

nlohmann::json ffprobeStream (const std::filesystem::path& file)
{
    const auto out = runOrFail ({ "ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file.string() });
    return nlohmann::json::parse (out);
}
} // namespace

TEST_CASE ("every container and sample format round trips", "[audiofile]")
{
    const double s16 = 2.0 / 32768, s24 = 2.0 / 8388608, s32 = 1e-6;
    const Case cases[] = {
        { Container::wav, SampleFormat::int16, "wav", "pcm_s16le", s16 },
        { Container::wav, SampleFormat::int24, "wav", "pcm_s24le", s24 },
        { Container::wav, SampleFormat::int32, "wav", "pcm_s32le", s32 },
        { Container::wav, SampleFormat::float32, "wav", "pcm_f32le", 0 },
        { Container::rf64, SampleFormat::int16, "wav", "pcm_s16le", s16 },
        { Container::rf64, SampleFormat::int24, "rf64", "pcm_s24le", s24 },
        { Container::rf64, SampleFormat::float32, "wav", "pcm_f32le", 0 },
        { Container::aiff, SampleFormat::int16, "aiff", "pcm_s16be", s16 },
        { Container::aiff, SampleFormat::int24, "aif", "pcm_s24be", s24 },
        { Container::aiff, SampleFormat::int32, "aiff", "pcm_s32be", s32 },
        { Container::aiff, SampleFormat::float32, "aiff", "pcm_f32be", 0 },
        { Container::flac, SampleFormat::int16, "flac", "flac", s16 },
        { Container::flac, SampleFormat::int24, "flac", "flac", s24 },
    };
    TempDir dir ("formats");
    const auto source = testBuffer (3, 12345, 44100);
    for (const auto& c : cases)
    {
        const auto name = toString (c.container) + "-" + toString (c.format);
        INFO (name);
        const auto file = dir / (name + "." + c.extension);
        AudioWriteOptions options { 44100, 3, c.format, c.container };
        AudioFileWriter writer (file, options);
        writer.write (source);
        writer.commit();

        AudioFileReader reader (file);
        CHECK (reader.info().sampleRate == 44100);
        CHECK (reader.info().channels == 3);
        CHECK (reader.info().frames == 12345);
        CHECK (reader.info().format == c.format);
        CHECK (reader.info().container == c.container);
        const auto back = reader.readRange (0, 12345);
        double worst = 0;
        for (int ch = 0; ch < 3; ++ch)
            for (size_t i = 0; i < 12345; ++i)
                worst = std::max (worst, (double) std::abs (back.channels[(size_t) ch][i] - source.channels[(size_t) ch][i]));
        CHECK (worst <= c.tolerance);

        // An independent reader agrees on what the file is.
        const auto probe = ffprobeStream (file);
        const auto& stream = probe["streams"][0];
        CHECK (stream["codec_name"] == c.ffprobeCodec);
        CHECK (stream["sample_rate"] == "44100");
        CHECK (stream["channels"] == 3);
        CHECK (stream["duration_ts"] == 12345);
        if (c.container == Container::flac)
            CHECK (stream["bits_per_raw_sample"] == std::to_string (bitDepth (c.format)));
    }
}

TEST_CASE ("WAV is RIFF under 4 GB, RF64 when asked; the writer's container choice", "[audiofile]")
{
    CHECK (sndfileContainerFor (Container::wav).major == SF_FORMAT_RF64);
    CHECK (sndfileContainerFor (Container::wav).autoDowngrade);
    CHECK (sndfileContainerFor (Container::rf64).major == SF_FORMAT_RF64);
    CHECK_FALSE (sndfileContainerFor (Container::rf64).autoDowngrade);
    CHECK (sndfileContainerFor (Container::aiff).major == SF_FORMAT_AIFF);
    CHECK (sndfileContainerFor (Container::flac).major == SF_FORMAT_FLAC);

    TempDir dir ("rf64");
    const auto buffer = testBuffer (2, 4800, 48000);
    writeAudio (dir / "small.wav", buffer);
    const auto head = fileHead (dir / "small.wav", 16);
    CHECK (head.substr (0, 4) == "RIFF");
    CHECK (head.substr (8, 8) == "WAVEJUNK");   // room for ds64, had it grown past 4 GB
    CHECK (probeAudio (dir / "small.wav").container == Container::wav);

    AudioFileWriter forced (dir / "forced.wav", { 48000, 2, SampleFormat::int24, Container::rf64 });
    forced.write (buffer);
    forced.commit();
    CHECK (fileHead (dir / "forced.wav", 16).substr (0, 4) == "RF64");
    CHECK (fileHead (dir / "forced.wav", 16).substr (12, 4) == "ds64");
    CHECK (probeAudio (dir / "forced.wav").container == Container::rf64);
    CHECK (ffprobeStream (dir / "forced.wav")["streams"][0]["duration_ts"] == 4800);
}

TEST_CASE ("formats a container cannot hold are refused before any file exists", "[audiofile]")
{
    TempDir dir ("refuse");
    CHECK_THROWS_AS (AudioFileWriter (dir / "a.flac", { 48000, 1, SampleFormat::float32, std::nullopt }), InputError);
    CHECK_THROWS_WITH (AudioFileWriter (dir / "a.flac", { 48000, 1, SampleFormat::int32, std::nullopt }),
                       Catch::Contains ("a.flac") && Catch::Contains ("flac"));
    AudioWriteOptions withBext { 48000, 1, SampleFormat::int24, std::nullopt };
    withBext.bext = BextChunk {};
    CHECK_THROWS_WITH (AudioFileWriter (dir / "a.aiff", withBext), Catch::Contains ("WAV or RF64"));
    CHECK_THROWS_AS (AudioFileWriter (dir / "a.wav", { 48000, 0, SampleFormat::int24, std::nullopt }), InputError);
    CHECK (std::filesystem::is_empty (dir.path()));
}

TEST_CASE ("planar read, seek and readRange return the right samples", "[audiofile]")
{
    TempDir dir ("planar");
    const std::int64_t frames = 30000;
    const auto source = testBuffer (4, frames, 48000);
    const auto file = dir / "planar.wav";
    writeAudio (file, source, SampleFormat::float32);

    AudioFileReader reader (file);
    auto expectRange = [&] (const AudioBuffer& b, std::int64_t start) {
        for (int c = 0; c < 4; ++c)
            for (std::int64_t i = 0; i < b.numFrames(); ++i)
                if (b.channels[(size_t) c][(size_t) i] != testSample (c, start + i))
                {
                    FAIL ("channel " << c << " frame " << start + i);
                    return;
                }
    };

    // Sequential reads in uneven blocks, one larger than the reader's internal chunk.
    std::vector<std::vector<float>> dest (4, std::vector<float> (20000));
    std::vector<float*> ptrs;
    for (auto& d : dest)
        ptrs.push_back (d.data());
    std::int64_t position = 0;
    for (std::int64_t block : { 1, 999, 20000, 5000, 4000 })
    {
        const auto got = reader.read (ptrs.data(), block);
        CHECK (got == std::min (block, frames - position));
        AudioBuffer view (4, got, 48000);
        for (int c = 0; c < 4; ++c)
            std::copy (dest[(size_t) c].begin(), dest[(size_t) c].begin() + got, view.channels[(size_t) c].begin());
        expectRange (view, position);
        position += got;
    }
    CHECK (position == frames);
    CHECK (reader.read (ptrs.data(), 10) == 0);   // at the end

    reader.seek (12345);
    CHECK (reader.read (ptrs.data(), 3) == 3);
    CHECK (dest[2][0] == testSample (2, 12345));
    CHECK (dest[3][2] == testSample (3, 12347));

    const auto mid = reader.readRange (17000, 100);
    CHECK (mid.numFrames() == 100);
    CHECK (mid.numChannels() == 4);
    expectRange (mid, 17000);
    const auto tail = reader.readRange (frames - 10, 1000);   // shorter at the end
    CHECK (tail.numFrames() == 10);
    expectRange (tail, frames - 10);
    CHECK (reader.readRange (frames + 5, 10).numFrames() == 0);

    const auto whole = readAudio (file);
    CHECK (whole.numFrames() == frames);
    expectRange (whole, 0);
}
