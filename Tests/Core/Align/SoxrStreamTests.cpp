// The offset-only render's rate conversion through libsoxr (SoxrStream.h): a 44.1 kHz take must
// land on the 48 kHz timeline where the offset puts it, with no added delay, from its first
// output sample on, whatever the blocks it is read in.
#include "AudioFile/SoxrStream.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace loopstage;

namespace
{
double signalAt (double t, int channel)   // t in seconds: tones at 1, 7.5 and 15 kHz
{
    return 0.3 * std::sin (2.0 * M_PI * 1000.0 * t + channel) + 0.2 * std::sin (2.0 * M_PI * 7500.0 * t + 0.4)
         + 0.1 * std::sin (2.0 * M_PI * 15000.0 * t + 1.1);
}

struct Run
{
    std::vector<std::vector<float>> out;
    double start = 0.0;
};

Run convert (int inRate, int outRate, double start, int channels, std::int64_t inputFrames, std::int64_t outputs,
             std::int64_t block)
{
    auto input = [=] (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& planes)
    {
        REQUIRE (first >= 0);
        REQUIRE (first + count <= inputFrames);
        for (int c = 0; c < channels; ++c)
        {
            planes[(size_t) c].resize ((size_t) count);
            for (std::int64_t i = 0; i < count; ++i)
                planes[(size_t) c][(size_t) i] = (float) signalAt ((double) (first + i) / inRate, c);
        }
    };
    audio::SoxrStream stream (inRate, outRate, start, channels, inputFrames, outputs, input);
    Run r;
    r.start = stream.actualStart();
    r.out.resize ((size_t) channels);
    std::vector<std::vector<float>> part;
    for (std::int64_t first = 0; first < outputs; first += block)
    {
        stream.read (std::min (block, outputs - first), part);
        for (int c = 0; c < channels; ++c)
            r.out[(size_t) c].insert (r.out[(size_t) c].end(), part[(size_t) c].begin(), part[(size_t) c].end());
    }
    return r;
}
} // namespace

TEST_CASE ("soxr stream: which rates it places finely enough", "[align]")
{
    CHECK (audio::SoxrStream::canPlace (44100, 48000));
    CHECK (audio::SoxrStream::canPlace (48000, 44100));
    CHECK (audio::SoxrStream::canPlace (88200, 48000));
    CHECK_FALSE (audio::SoxrStream::canPlace (48000, 48000));   // a pure fractional shift
    CHECK_FALSE (audio::SoxrStream::canPlace (96000, 48000));   // a grid of half an output sample
}

TEST_CASE ("soxr stream: a 44.1 kHz take lands on the 48 kHz timeline with no added delay", "[align]")
{
    const std::int64_t inputFrames = 3 * 44100;
    for (const auto& [inRate, outRate] : { std::pair { 44100, 48000 }, std::pair { 48000, 44100 } })
    {
        for (const double start : { 0.0, 20000.37, -5000.25, 1234.6 })
        {
            const std::int64_t outputs = 2 * outRate;
            const auto r = convert (inRate, outRate, start, 2, inputFrames, outputs, 65536);
            INFO (inRate << " -> " << outRate << ", start " << start);
            CHECK (std::abs (r.start - start) <= 0.5 / (outRate / std::gcd (inRate, outRate)) + 1e-9);   // 1/up input samples
            // Against the ideal, wherever the input time is 10 ms or more inside the take: the
            // first output samples included when the start is inside the take.
            double error = 0.0, power = 0.0;
            std::int64_t compared = 0;
            for (std::int64_t j = 0; j < outputs; ++j)
            {
                const double t = r.start + (double) j * inRate / outRate;
                if (t < 0.01 * inRate || t > (double) inputFrames - 0.01 * inRate)
                    continue;
                for (int c = 0; c < 2; ++c)
                {
                    const double ideal = signalAt (t / inRate, c);
                    error += std::pow (r.out[(size_t) c][(size_t) j] - ideal, 2.0);
                    power += ideal * ideal;
                }
                if (j == 0)
                    CHECK (std::abs (r.out[0][0] - signalAt (t / inRate, 0)) < 1e-4);
                ++compared;
            }
            REQUIRE (compared > outRate / 2);
            CHECK (10.0 * std::log10 (power / error) > 90.0);
            // Silence before the take and after its end.
            if (start < 0.0)
                CHECK (r.out[0][0] == Approx (0.0f).margin (1e-6));
        }
    }
}

TEST_CASE ("soxr stream: the blocks it is read in change no sample", "[align]")
{
    const auto whole = convert (44100, 48000, 777.77, 1, 5 * 44100, 5 * 48000, 5 * 48000);
    for (const std::int64_t block : { 1, 777, 65536 })
    {
        INFO ("block " << block);
        CHECK (convert (44100, 48000, 777.77, 1, 5 * 44100, 5 * 48000, block).out == whole.out);
    }
    // Output from outputEnd on is silence.
    const auto shorter = convert (44100, 48000, 777.77, 1, 5 * 44100, 1000, 4096);
    CHECK (std::equal (shorter.out[0].begin(), shorter.out[0].end(), whole.out[0].begin()));
}
