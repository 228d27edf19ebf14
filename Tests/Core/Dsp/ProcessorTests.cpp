// The built-in equaliser and compressor against their analytic responses.
#include "Dsp/Compressor.h"
#include "Dsp/DeEsser.h"
#include "Dsp/Equaliser.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace loopstage::dsp;

namespace
{
std::vector<float> sine (double frequency, double amplitude, int frames)
{
    std::vector<float> x ((size_t) frames);
    for (int i = 0; i < frames; ++i)
        x[(size_t) i] = (float) (amplitude * std::sin (2.0 * M_PI * frequency * i / 48000.0));
    return x;
}

double peakDb (const std::vector<float>& x, size_t from)
{
    float p = 0;
    for (size_t i = from; i < x.size(); ++i)
        p = std::max (p, std::abs (x[i]));
    return 20.0 * std::log10 (p);
}

double gainAt (const std::vector<EqBand>& bands, double frequency)
{
    Equaliser eq (bands, 1, 48000.0);
    auto x = sine (frequency, 0.1, 48000);
    float* ch[1] = { x.data() };
    eq.process (ch, 1, 48000);
    return peakDb (x, 24000) + 20.0;
}
} // namespace

TEST_CASE ("equaliser bands have their designed gain", "[dsp]")
{
    CHECK (gainAt ({ { EqBand::Type::peak, 1000.0, 6.0, 1.0 } }, 1000.0) == Approx (6.0).margin (0.05));
    CHECK (gainAt ({ { EqBand::Type::peak, 1000.0, 6.0, 1.0 } }, 100.0) == Approx (0.0).margin (0.2));
    CHECK (gainAt ({ { EqBand::Type::highPass, 100.0, 0.0, 0.7071 } }, 100.0) == Approx (-3.01).margin (0.05));
    CHECK (gainAt ({ { EqBand::Type::highPass, 100.0, 0.0, 0.7071 } }, 50.0) == Approx (-12.3).margin (0.2));
    CHECK (gainAt ({ { EqBand::Type::lowShelf, 200.0, -6.0, 0.7071 } }, 30.0) == Approx (-6.0).margin (0.2));
    CHECK (gainAt ({ { EqBand::Type::highShelf, 5000.0, 4.0, 0.7071 } }, 15000.0) == Approx (4.0).margin (0.2));
    CHECK (gainAt ({ { EqBand::Type::lowPass, 8000.0, 0.0, 0.7071 } }, 8000.0) == Approx (-3.01).margin (0.05));
}

TEST_CASE ("compressor settles at threshold + excess / ratio", "[dsp]")
{
    CompressorSettings s;
    s.thresholdDb = -18.0;
    s.ratio = 4.0;
    s.kneeDb = 0.0;
    s.attackMs = 1.0;
    s.releaseMs = 50.0;
    s.makeupDb = 2.0;
    Compressor c (s, 48000.0);
    // A square wave at -6 dBFS (a constant peak level): 12 dB over, so 9 dB of reduction, plus
    // 2 dB make-up.
    auto x = sine (1000.0, 1.0, 48000);
    for (auto& v : x)
        v = (v >= 0 ? 1.0f : -1.0f) * (float) std::pow (10.0, -6.0 / 20.0);
    float* ch[1] = { x.data() };
    c.process (ch, 1, 48000);
    CHECK (peakDb (x, 24000) == Approx (-6.0 - 9.0 + 2.0).margin (0.01));
    CHECK (c.reductionDb() < -8.0);

    // Under the threshold it only applies the make-up gain.
    Compressor quiet (s, 48000.0);
    auto y = sine (1000.0, std::pow (10.0, -30.0 / 20.0), 4800);
    float* ych[1] = { y.data() };
    quiet.process (ych, 1, 4800);
    CHECK (peakDb (y, 0) == Approx (-28.0).margin (0.01));
}

TEST_CASE ("de-esser turns down sibilance and leaves the voice band alone", "[dsp]")
{
    DeEsserSettings s;
    s.frequency = 7000.0;
    s.thresholdDb = -30.0;
    s.ratio = 4.0;
    // 7 kHz at -10 dBFS: the band detector reads ~-10 dB, 20 dB over: 15 dB of reduction.
    DeEsser hiss (s, 48000.0);
    auto x = sine (7000.0, std::pow (10.0, -10.0 / 20.0), 48000);
    float* ch[1] = { x.data() };
    hiss.process (ch, 1, 48000);
    CHECK (peakDb (x, 24000) == Approx (-25.0).margin (0.5));
    // 300 Hz at the same level is far outside the band: well under the threshold there.
    DeEsser voice (s, 48000.0);
    auto y = sine (300.0, std::pow (10.0, -10.0 / 20.0), 48000);
    float* ych[1] = { y.data() };
    voice.process (ych, 1, 48000);
    CHECK (peakDb (y, 24000) == Approx (-10.0).margin (0.05));
}
