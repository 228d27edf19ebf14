// The bext chunk's bytes, its helpers (description lines, time reference from timecode) and
// tolerance of chunks written by other tools.
#include "AudioFile/BextChunk.h"
#include "Base/Error.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace loopstage;
using namespace loopstage::audio;
using timecode::FrameRate;

namespace
{
BextChunk fullBext()
{
    BextChunk b;
    b.description = "sSCENE=12A\r\nsTAKE=3\r\nsNOTE=car by & <door>\r\n";
    b.originator = "LoopStage";
    b.originatorReference = "LS-0001";
    b.originationDate = "2026-11-29";
    b.originationTime = "14:05:59";
    b.timeReference = 6ull * 3600 * 192000;   // 06:00:00 at 192 kHz: past 2^32, uses the high word
    b.setUmidHex ("060a2b340101010501010d4313000000a1b2c3d4e5f60718293a4b5c6d7e8f90");
    b.loudnessValue = -23.0;
    b.loudnessRange = 7.1;
    b.maxTruePeakLevel = -1.02;
    b.maxMomentaryLoudness = -14.5;
    b.maxShortTermLoudness = -17.25;
    b.codingHistory = "A=PCM,F=48000,W=24,M=stereo,T=LoopStage\r\n";
    return b;
}
} // namespace

TEST_CASE ("bext bytes sit where EBU Tech 3285 puts them", "[audiofile][bext]")
{
    const auto b = fullBext();
    const auto bytes = serialiseBext (b);
    REQUIRE (bytes.size() == 602 + b.codingHistory.size());
    CHECK (std::string (bytes.data() + 256) == "LoopStage");
    CHECK (std::string (bytes.data() + 320, 10) == "2026-11-29");
    CHECK (std::string (bytes.data() + 330, 8) == "14:05:59");
    const auto u8 = [&] (size_t i) { return (std::uint64_t) (unsigned char) bytes[i]; };
    std::uint64_t timeRef = 0;
    for (size_t i = 0; i < 8; ++i)
        timeRef |= u8 (338 + i) << (8 * i);
    CHECK (timeRef == b.timeReference);
    CHECK (u8 (346) == 2);             // version
    CHECK (u8 (348) == 0x06);          // UMID starts with the SMPTE label
    CHECK ((std::int16_t) (u8 (412) | (u8 (413) << 8)) == -2300);   // LoudnessValue × 100
    CHECK (std::string (bytes.data() + 602, b.codingHistory.size()) == b.codingHistory);
}

TEST_CASE ("bext round trips through its bytes", "[audiofile][bext]")
{
    const auto b = fullBext();
    const auto bytes = serialiseBext (b);
    const auto back = parseBext (bytes.data(), bytes.size());
    CHECK (back == b);
    CHECK (back.umidHex() == "060a2b340101010501010d4313000000a1b2c3d4e5f60718293a4b5c6d7e8f90");
    CHECK (back.scene() == "12A");
    CHECK (back.take() == "3");
    CHECK (*back.maxTruePeakLevel == Approx (-1.02));
}

TEST_CASE ("bext loudness that is not given is 0x7FFF and reads back as absent", "[audiofile][bext]")
{
    BextChunk b;
    b.loudnessValue = -24.0;
    const auto bytes = serialiseBext (b);
    CHECK ((unsigned char) bytes[414] == 0xFF);
    CHECK ((unsigned char) bytes[415] == 0x7F);
    const auto back = parseBext (bytes.data(), bytes.size());
    CHECK (back.loudnessValue == -24.0);
    CHECK_FALSE (back.loudnessRange);

    // Version 0/1 files had reserved zero bytes there: they are not 0 LUFS.
    BextChunk v1;
    v1.version = 1;
    auto old = serialiseBext (v1);
    CHECK (parseBext (old.data(), old.size()).version == 1);
    CHECK_FALSE (parseBext (old.data(), old.size()).loudnessValue);
}

TEST_CASE ("bext text fields are cut to their width and may fill it without a NUL", "[audiofile][bext]")
{
    BextChunk b;
    b.originator = std::string (40, 'O');
    b.description = std::string (300, 'd');
    const auto bytes = serialiseBext (b);
    const auto back = parseBext (bytes.data(), bytes.size());
    CHECK (back.originator == std::string (32, 'O'));
    CHECK (back.description == std::string (256, 'd'));
}

TEST_CASE ("bext from other tools: short, padded or reserved garbage", "[audiofile][bext]")
{
    std::vector<char> v0 (348, 0);
    std::memcpy (v0.data(), "old recorder", 12);
    const auto b = parseBext (v0.data(), v0.size());
    CHECK (b.description == "old recorder");
    CHECK_FALSE (b.hasUmid());

    // Coding history followed by NUL padding (libsndfile pads chunks to 4 bytes).
    auto padded = serialiseBext (fullBext());
    padded.insert (padded.end(), 3, '\0');
    CHECK (parseBext (padded.data(), padded.size()).codingHistory == fullBext().codingHistory);

    CHECK_THROWS_AS (parseBext (v0.data(), 100), InputError);
}

TEST_CASE ("description KEY=value lines are read and replaced in place", "[audiofile][bext]")
{
    BextChunk b;
    b.description = "zSPEED=25.000-ND\nsSCENE=1\nsTAKE=7";
    CHECK (b.scene() == "1");
    CHECK (b.take() == "7");
    CHECK (b.descriptionValue ("zSPEED") == "25.000-ND");
    CHECK_FALSE (b.descriptionValue ("sTAPE"));
    CHECK_FALSE (b.descriptionValue ("sSCEN"));   // a prefix of a key is not the key

    b.setDescriptionValue ("sSCENE", "42B");
    b.setDescriptionValue ("sTAPE", "SR004");
    CHECK (b.description == "zSPEED=25.000-ND\nsSCENE=42B\r\nsTAKE=7\r\nsTAPE=SR004\r\n");
    CHECK (b.scene() == "42B");
    CHECK (b.take() == "7");
    CHECK (b.descriptionValue ("sTAPE") == "SR004");
}

TEST_CASE ("time reference from timecode is exact at every rate (REFERENCE.md)", "[audiofile][bext]")
{
    const auto tc = [] (int h, int m, int s, int f) { return timecode::Timecode { h, m, s, f }; };
    CHECK (timeReferenceFromTimecode (tc (1, 0, 0, 0), FrameRate::parse ("25"), 48000) == 172800000u);
    CHECK (timeReferenceFromTimecode (tc (10, 0, 0, 0), FrameRate::parse ("24"), 48000) == 1728000000u);
    // 01:00:00;00 at 29.97df is frame 107892: 107892 × 1601.6 = 172799827.2 samples.
    CHECK (timeReferenceFromTimecode (tc (1, 0, 0, 0), FrameRate::parse ("29.97df"), 48000) == 172799827u);
    // 23.976 runs 1001/1000 slow: 01:00:00:00 is 86400 frames = 3603.6 s.
    CHECK (timeReferenceFromTimecode (tc (1, 0, 0, 0), FrameRate::parse ("23.976"), 48000) == 172972800u);
    CHECK (timeReferenceFromTimecode (tc (23, 59, 59, 24), FrameRate::parse ("25"), 192000) > 0xFFFFFFFFull);
    CHECK_THROWS_AS (timeReferenceFromTimecode (tc (0, 1, 0, 0), FrameRate::parse ("29.97df"), 48000), InputError);

    // And back: every rounded reference lands on the frame it came from.
    for (const auto& rate : FrameRate::all())
        for (std::int64_t frame : std::initializer_list<std::int64_t> { 0, 1, 1799, 1800, 17982, 107892, rate.framesPerDay() - 1 })
        {
            const auto label = timecode::toTimecode (frame, rate);
            for (double sr : { 44100.0, 48000.0, 96000.0 })
            {
                const auto samples = timeReferenceFromTimecode (label, rate, sr);
                INFO (rate.name() << " frame " << frame << " at " << sr);
                CHECK (framesOfTimeReference (samples, rate, sr) == frame);
            }
        }
    CHECK (timecodeOfTimeReference (172799827u, FrameRate::parse ("29.97df"), 48000) == "01:00:00;00");
    CHECK (timecodeOfTimeReference (172800000u + 1920u * 3, FrameRate::parse ("25"), 48000) == "01:00:00:03");

    BextChunk b;
    b.setTimeReference (tc (10, 0, 0, 0), FrameRate::parse ("25"), 48000);
    CHECK (b.timeReference == 1728000000u);
}
