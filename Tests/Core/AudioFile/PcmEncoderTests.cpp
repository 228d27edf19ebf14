// 16- and 24-bit WAV samples are encoded by LoopStage (PcmEncoder) and must come out exactly as
// libsndfile's own float conversion writes them: rounding, clipping, every channel layout.
#include "AudioFile/AudioFileWriter.h"
#include "AudioFile/PcmEncoder.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <sndfile.h>
#include <vector>

using namespace loopstage;
using namespace loopstage::audio;

namespace
{
    /** Noise beyond full scale plus the values where rounding and clipping decide. */
    std::vector<float> testSignal (std::int64_t count, unsigned seed)
    {
        std::mt19937 rng (seed);
        std::uniform_real_distribution<float> wide (-1.5f, 1.5f), quiet (-1e-4f, 1e-4f);
        std::vector<float> x ((size_t) count);
        for (auto& v : x)
            v = (rng() & 1) ? wide (rng) : quiet (rng);
        const float edges[] = { 0.0f, -0.0f, 1.0f, -1.0f, 0.99999994f, -0.99999994f, 1.0000001f, -1.0000001f, 2.0f, -2.0f,
                                0.5f / 8388608.0f, -0.5f / 8388608.0f, 1.5f / 8388608.0f, -1.5f / 8388608.0f, 0.5f / 32768.0f,
                                -0.5f / 32768.0f, 1.5f / 32768.0f, 1e-30f, -1e-30f, 1.0f / 8388608.0f, 3.0e-8f, -3.0e-8f,
                                std::ldexp (1.0f, -9), 1.0f - std::ldexp (1.0f, -24), 0.25f + std::ldexp (1.0f, -25) };
        for (size_t i = 0; i < std::size (edges) && i < x.size(); ++i)
            x[i * 7 % x.size()] = edges[i];
        return x;
    }

    /** What libsndfile's sf_read_int makes of a file (the 16/24-bit value in the top bits). */
    std::vector<int> samplesOf (const std::filesystem::path& file)
    {
        SF_INFO info {};
        SNDFILE* f = sf_open (file.c_str(), SFM_READ, &info);
        REQUIRE (f != nullptr);
        std::vector<int> v ((size_t) (info.frames * info.channels));
        REQUIRE (sf_readf_int (f, v.data(), info.frames) == info.frames);
        sf_close (f);
        return v;
    }
} // namespace

TEST_CASE ("16- and 24-bit WAV samples are byte-identical to libsndfile's conversion", "[audiofile]")
{
    test::TempDir dir ("pcm-encoder");
    for (auto format : { SampleFormat::int24, SampleFormat::int16 })
        for (int channels : { 1, 2, 6 })
        {
            const std::int64_t frames = 300001;   // several 4 MB writes at 6 channels, odd tail
            const auto interleavedIn = testSignal (frames * channels, (unsigned) (channels * 10 + bitDepth (format)));
            std::vector<std::vector<float>> planar ((size_t) channels, std::vector<float> ((size_t) frames));
            for (std::int64_t i = 0; i < frames; ++i)
                for (int c = 0; c < channels; ++c)
                    planar[(size_t) c][(size_t) i] = interleavedIn[(size_t) (i * channels + c)];
            std::vector<const float*> pointers;
            for (auto& p : planar)
                pointers.push_back (p.data());

            const auto ours = dir.path() / ("ours-" + std::to_string (channels) + ".wav");
            {
                AudioFileWriter writer (ours, { 48000.0, channels, format, std::nullopt });
                writer.write (pointers.data(), 1000);   // several calls, as a render makes them
                std::vector<const float*> rest;
                for (auto* p : pointers)
                    rest.push_back (p + 1000);
                writer.write (rest.data(), frames - 1000);
                writer.commit();
            }

            const auto theirs = dir.path() / ("theirs-" + std::to_string (channels) + ".wav");
            SF_INFO info {};
            info.samplerate = 48000;
            info.channels = channels;
            info.format = SF_FORMAT_WAV | (format == SampleFormat::int24 ? SF_FORMAT_PCM_24 : SF_FORMAT_PCM_16);
            SNDFILE* f = sf_open (theirs.c_str(), SFM_WRITE, &info);
            REQUIRE (f != nullptr);
            sf_command (f, SFC_SET_CLIPPING, nullptr, SF_TRUE);
            REQUIRE (sf_writef_float (f, interleavedIn.data(), frames) == frames);
            sf_close (f);

            INFO (bitDepth (format) << "-bit, " << channels << " channels");
            const auto a = samplesOf (ours), b = samplesOf (theirs);
            REQUIRE (a.size() == b.size());
            size_t differing = 0, first = a.size();
            for (size_t i = 0; i < a.size(); ++i)
                if (a[i] != b[i] && differing++ == 0)
                    first = i;
            INFO ("first difference at " << first << ": input " << (first < a.size() ? interleavedIn[first] : 0.0f));
            CHECK (differing == 0);
        }
}

TEST_CASE ("the PCM encoder's vector and scalar paths agree at every length", "[audiofile]")
{
    const auto x = testSignal (103, 7);
    for (std::int64_t n = 0; n <= 103; ++n)
    {
        std::vector<unsigned char> whole ((size_t) (n * 3 + 16)), pieces ((size_t) (n * 3 + 16));
        encodePcm (SampleFormat::int24, x.data(), n, whole.data());
        // One sample at a time never reaches the vector loop.
        for (std::int64_t i = 0; i < n; ++i)
            encodePcm (SampleFormat::int24, x.data() + i, 1, pieces.data() + 3 * i);
        REQUIRE (std::equal (whole.begin(), whole.begin() + n * 3, pieces.begin()));
    }
}
