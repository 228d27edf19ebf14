// Corrupt, missing and wrong inputs are InputErrors naming the file; an interrupted writer leaves
// nothing behind.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Base/Error.h"
#include "Support/TempDir.h"
#include "TestSignals.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using namespace loopstage;
using namespace loopstage::audio;
using namespace loopstage::test;

namespace
{
void writeBytes (const std::filesystem::path& file, const std::string& bytes)
{
    std::ofstream (file, std::ios::binary) << bytes;
}

std::string readBytes (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    return std::string (std::istreambuf_iterator<char> (in), {});
}
} // namespace

TEST_CASE ("corrupt and wrong inputs are InputErrors naming the file", "[audiofile]")
{
    TempDir dir ("corrupt");
    writeAudio (dir / "good.wav", testBuffer (2, 48000, 48000));
    const auto good = readBytes (dir / "good.wav");

    writeBytes (dir / "truncated-header.wav", good.substr (0, 30));
    writeBytes (dir / "empty.wav", "");
    writeBytes (dir / "notes.wav", "These are the ADR notes for reel 3.\nLine 14: softer.\n");
    std::mt19937 rng (1234);
    std::string noise (65536, '\0');
    for (auto& c : noise)
        c = (char) (rng() & 0xFF);
    writeBytes (dir / "random.wav", noise);
    writeBytes (dir / "random.flac", noise);
    writeBytes (dir / "riff-garbage.wav", "RIFF\x10\0\0\0WAVEfmt \xff\xff\xff\xff" + noise.substr (0, 64));
    std::filesystem::create_directory (dir / "folder.wav");

    for (auto name : { "truncated-header.wav", "empty.wav", "notes.wav", "random.wav", "random.flac", "riff-garbage.wav",
                       "folder.wav", "missing.wav" })
    {
        INFO (name);
        const auto file = dir / name;
        CHECK_THROWS_AS (AudioFileReader (file), InputError);
        CHECK_THROWS_WITH (probeAudio (file), Catch::StartsWith (file.string() + ": "));
        CHECK_THROWS_AS (readAudio (file), InputError);
    }
    CHECK_THROWS_WITH (probeAudio (dir / "folder.wav"), Catch::Contains ("folder"));
    CHECK_THROWS_WITH (probeAudio (dir / "missing.wav"), Catch::Contains ("no such file"));
}

TEST_CASE ("a file cut short in its audio reads what is there", "[audiofile]")
{
    TempDir dir ("short");
    writeAudio (dir / "good.wav", testBuffer (2, 48000, 48000), SampleFormat::int16);
    const auto good = readBytes (dir / "good.wav");
    writeBytes (dir / "cut.wav", good.substr (0, good.size() / 2));
    // The header promises 48000 frames; libsndfile trusts the file length instead, so the
    // reader reports what can actually be read and never invents samples.
    AudioFileReader reader (dir / "cut.wav");
    CHECK (reader.info().frames < 48000);
    CHECK (reader.info().frames > 20000);
    const auto all = reader.readRange (0, reader.info().frames);
    CHECK (all.numFrames() == reader.info().frames);
    CHECK (all.channels[0][1000] == Approx (testSample (0, 1000)).margin (1e-4));
}

TEST_CASE ("an interrupted writer leaves no file", "[audiofile]")
{
    TempDir dir ("interrupted");
    const auto buffer = testBuffer (2, 48000, 48000);
    {
        AudioWriteOptions options { 48000, 2, SampleFormat::int24, std::nullopt };
        options.bext = BextChunk {};
        AudioFileWriter writer (dir / "render.wav", options);
        writer.write (buffer);
        CHECK (writer.framesWritten() == 48000);
        // Destroyed without commit(): an error or a cancelled render.
    }
    CHECK (std::filesystem::is_empty (dir.path()));

    // And an old file under the same name survives an interrupted rewrite.
    writeAudio (dir / "render.wav", buffer);
    const auto before = readBytes (dir / "render.wav");
    {
        AudioFileWriter writer (dir / "render.wav", { 48000, 2, SampleFormat::int16, std::nullopt });
        writer.write (buffer);
    }
    CHECK (readBytes (dir / "render.wav") == before);
    CHECK (std::distance (std::filesystem::directory_iterator (dir.path()), {}) == 1);
}

TEST_CASE ("damaged headers and metadata never crash: the file reads or is an InputError", "[audiofile]")
{
    TempDir dir ("mangled");
    AudioWriteOptions options { 48000, 2, SampleFormat::int24, std::nullopt };
    options.bext = BextChunk {};
    options.bext->description = "sSCENE=1\r\nsTAKE=2\r\n";
    options.bext->codingHistory = "A=PCM,F=48000,W=24,M=stereo\r\n";
    options.ixml = IxmlChunk {};
    options.ixml->scene = "1";
    options.ixml->tracks = { { 1, 1, "Boom", "" }, { 2, 2, "Lav", "" } };
    AudioFileWriter writer (dir / "good.wav", options);
    writer.write (testBuffer (2, 2000, 48000));
    writer.commit();
    const auto good = readBytes (dir / "good.wav");
    const auto headerEnd = good.find ("data");
    REQUIRE (headerEnd != std::string::npos);

    std::mt19937 rng (99);
    int readable = 0, refused = 0;
    for (int round = 0; round < 300; ++round)
    {
        auto bytes = good;
        const int flips = 1 + (int) (rng() % 8);
        for (int i = 0; i < flips; ++i)
            bytes[rng() % (headerEnd + 8)] = (char) (rng() & 0xFF);
        const auto file = dir / "mangled.wav";
        writeBytes (file, bytes);
        try
        {
            AudioFileReader reader (file);
            reader.readRange (0, std::min<std::int64_t> (reader.info().frames, 4000));
            ++readable;
        }
        catch (const InputError& e)
        {
            CHECK_THAT (e.what(), Catch::StartsWith (file.string() + ": "));
            ++refused;
        }
    }
    CHECK (readable + refused == 300);
}
