// The offline renderer's mapped WAV reading decodes every sample to the float libsndfile gives,
// and leaves to libsndfile the layouts it does not read itself.
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "AudioFile/MappedPcmFile.h"
#include "Support/Process.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cstring>

using namespace loopstage;
using namespace loopstage::test;

namespace
{
std::filesystem::path soxFile (const TempDir& dir, const std::string& name, int channels, const std::vector<std::string>& encoding)
{
    const auto file = dir / name;
    std::vector<std::string> args { "sox", "-R", "-n", "-r", "48000", "-c", std::to_string (channels) };
    args.insert (args.end(), encoding.begin(), encoding.end());
    // Full-scale content reaches the extreme codes (clipped pink noise): sign and range matter.
    args.insert (args.end(), { file.string(), "synth", "0.5", "pinknoise", "vol", "4" });
    runOrFail (args);
    return file;
}

/** Every channel, decoded in uneven pieces, is bitwise what AudioFileReader reads. */
void requireSameAsSndfile (const std::filesystem::path& file)
{
    const auto reference = audio::readAudio (file);
    auto mapped = audio::MappedPcmFile::open (file, reference.numFrames());
    REQUIRE (mapped != nullptr);
    REQUIRE (mapped->channels() == reference.numChannels());
    REQUIRE (mapped->frames() == reference.numFrames());
    for (int c = 0; c < mapped->channels(); ++c)
    {
        std::vector<float> decoded ((size_t) reference.numFrames());
        for (std::int64_t start = 0, piece = 1; start < reference.numFrames(); start += piece, piece = piece * 3 + 1)
        {
            piece = std::min (piece, reference.numFrames() - start);
            REQUIRE (mapped->decode (c, start, piece, decoded.data() + start));
        }
        INFO (file.filename().string() << " channel " << c);
        REQUIRE (std::memcmp (decoded.data(), reference.channels[(size_t) c].data(), decoded.size() * sizeof (float)) == 0);
    }
}
} // namespace

TEST_CASE ("mapped WAV reads are bit-identical to libsndfile's", "[engine][read]")
{
    TempDir dir ("engine-mapped");
    requireSameAsSndfile (soxFile (dir, "s16.wav", 1, { "-b", "16" }));
    requireSameAsSndfile (soxFile (dir, "s24.wav", 1, { "-b", "24" }));
    requireSameAsSndfile (soxFile (dir, "s24x3.wav", 3, { "-b", "24" }));   // WAVE_FORMAT_EXTENSIBLE
    requireSameAsSndfile (soxFile (dir, "s32.wav", 2, { "-e", "signed-integer", "-b", "32" }));
    requireSameAsSndfile (soxFile (dir, "f32.wav", 6, { "-e", "floating-point", "-b", "32" }));

    // Our own Broadcast WAV (bext before the data, a JUNK chunk for RF64) and a forced RF64.
    const auto source = audio::readAudio (dir / "s24x3.wav");
    audio::AudioWriteOptions options;
    options.channels = 3;
    audio::BextChunk bext;
    bext.description = "mapped read test";
    options.bext = bext;
    {
        audio::AudioFileWriter bwf (dir / "bwf.wav", options);
        bwf.write (source);
        bwf.commit();
        options.container = audio::Container::rf64;
        audio::AudioFileWriter rf64 (dir / "forced.rf64", options);
        rf64.write (source);
        rf64.commit();
    }
    requireSameAsSndfile (dir / "bwf.wav");
    requireSameAsSndfile (dir / "forced.rf64");
}

TEST_CASE ("layouts not read in place are left to libsndfile", "[engine][read]")
{
    TempDir dir ("engine-unmapped");
    const auto u8 = soxFile (dir, "u8.wav", 1, { "-b", "8" });
    const auto f64 = soxFile (dir, "f64.wav", 1, { "-e", "floating-point", "-b", "64" });
    const auto aiff = soxFile (dir, "s24.aiff", 1, { "-b", "24" });
    const auto flac = soxFile (dir, "s24.flac", 1, { "-b", "24" });
    for (const auto& file : { u8, f64, aiff, flac })
    {
        INFO (file.filename().string());
        CHECK (audio::MappedPcmFile::open (file, audio::probeAudio (file).frames) == nullptr);
    }
    // A header that disagrees with what libsndfile reports is not trusted.
    const auto s16 = soxFile (dir, "s16.wav", 1, { "-b", "16" });
    CHECK (audio::MappedPcmFile::open (s16, audio::probeAudio (s16).frames + 1) == nullptr);
    CHECK (audio::MappedPcmFile::open (dir / "missing.wav", 0) == nullptr);
}
