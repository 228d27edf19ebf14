#include "Loudness/DialogueGate.h"
#include "Dsp/BiquadDesign.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::loudness
{
namespace
{
    // RBJ cookbook high/low-pass, Butterworth Q.
    dsp::Biquad butterworth (double fs, double f0, bool high)
    {
        return dsp::designBand ({ high ? dsp::EqBand::Type::highPass : dsp::EqBand::Type::lowPass, f0, 0.0, 0.7071067811865476 }, fs);
    }

    double run (const dsp::Biquad& f, double* s, double x)
    {
        return f.process (x, s[0], s[1]);
    }
} // namespace

void DialogueGate::prepare (double sampleRate)
{
    highPass60 = butterworth (sampleRate, 60.0, true);
    bandHigh = butterworth (sampleRate, 250.0, true);
    bandLow = butterworth (sampleRate, 4000.0, false);
    splitLow = butterworth (sampleRate, 1000.0, false);
    splitHigh = butterworth (sampleRate, 1000.0, true);
    std::fill (std::begin (st), std::end (st), 0.0);
    sliceLength = std::max (1, (int) std::lround (sampleRate / 100.0));
    inSlice = 0;
    current = {};
    slices.clear();
    decisions.clear();
}

void DialogueGate::process (const float* x, int n)
{
    for (int i = 0; i < n; ++i)
    {
        const double full = run (highPass60, st, x[i]);
        const double band = run (bandLow, st + 4, run (bandHigh, st + 2, full));
        current.full += full * full;
        current.band += band * band;
        const double low = run (splitLow, st + 6, band), high = run (splitHigh, st + 8, band);
        current.sub[0] += low * low;
        current.sub[1] += high * high;
        if (++inSlice == sliceLength)
        {
            current.full /= sliceLength;
            current.band /= sliceLength;
            current.sub[0] /= sliceLength;
            current.sub[1] /= sliceLength;
            slices.push_back (current);
            current = {};
            inSlice = 0;
        }
    }
}

void DialogueGate::finish()
{
    const int frames = (int) (slices.size() / 10);
    std::vector<bool> raw ((size_t) frames, false);
    const double floorEnergy = dsp::dbToPower (-60.0);
    // Per sub-band, the steady background under each frame: its quietest 10 ms within ±1 s.
    // Speech swings in at least one sub-band even when a pad or a bed fills the other.
    auto backgroundOf = [&] (int b)
    {
        std::vector<double> frameMin ((size_t) frames, 0.0), background ((size_t) frames, 0.0);
        for (int f = 0; f < frames; ++f)
        {
            double m = slices[(size_t) f * 10].sub[b];
            for (int s = 1; s < 10; ++s)
                m = std::min (m, slices[(size_t) (f * 10 + s)].sub[b]);
            frameMin[(size_t) f] = m;
        }
        for (int f = 0; f < frames; ++f)
        {
            double m = frameMin[(size_t) f];
            for (int g = std::max (0, f - 10); g <= std::min (frames - 1, f + 10); ++g)
                m = std::min (m, frameMin[(size_t) g]);
            background[(size_t) f] = m;
        }
        return background;
    };
    const std::vector<double> backgrounds[2] = { backgroundOf (0), backgroundOf (1) };

    for (int f = 0; f < frames; ++f)
    {
        const int first = std::max (0, (f - 2) * 10), last = std::min ((int) slices.size(), (f + 3) * 10);
        double band = 0, full = 0, swing = 0;
        for (int s = first; s < last; ++s)
        {
            band += slices[(size_t) s].band;
            full += slices[(size_t) s].full;
        }
        const int counted = last - first;
        for (int b = 0; b < 2; ++b)
        {
            // Swing measured on what rises above most of the background, so a steady pad or
            // room tone under the voice does not flatten the syllables.
            const double under = 0.8 * backgrounds[b][(size_t) f];
            double mean = 0, meanSq = 0;
            for (int s = first; s < last; ++s)
            {
                const double db = dsp::powerToDb (std::max (0.0, slices[(size_t) s].sub[b] - under) + 1e-12);
                mean += db;
                meanSq += db * db;
            }
            mean /= counted;
            swing = std::max (swing, std::sqrt (std::max (0.0, meanSq / counted - mean * mean)));
        }
        const bool loudEnough = band / counted > floorEnergy;
        const bool voiceBand = full > 0 && band / full > 0.5;
        raw[(size_t) f] = loudEnough && voiceBand && swing > 6.0;
    }

    // Fill gaps of up to 3 frames between speech and hold each decision for 3 frames.
    decisions = raw;
    int lastSpeech = -100;
    for (int f = 0; f < frames; ++f)
    {
        if (raw[(size_t) f])
        {
            if (f - lastSpeech <= 4)
                for (int g = lastSpeech + 1; g < f; ++g)
                    decisions[(size_t) g] = true;
            lastSpeech = f;
        }
        else if (f - lastSpeech <= 3)
            decisions[(size_t) f] = true;
    }
}

double DialogueGate::speechPercent() const noexcept
{
    if (decisions.empty())
        return 0.0;
    return 100.0 * (double) std::count (decisions.begin(), decisions.end(), true) / (double) decisions.size();
}

void dialogueDownmix (const float* const* channels, int numChannels, int n, float* out) noexcept
{
    if (numChannels == 6)
    {
        std::copy (channels[2], channels[2] + n, out);
        return;
    }
    const float scale = 1.0f / (float) std::max (1, numChannels);
    for (int i = 0; i < n; ++i)
    {
        float sum = 0.0f;
        for (int c = 0; c < numChannels; ++c)
            sum += channels[c][i];
        out[i] = sum * scale;
    }
}
} // namespace loopstage::loudness
