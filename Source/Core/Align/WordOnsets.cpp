#include "Align/WordOnsets.h"
#include "Dsp/BiquadDesign.h"

#include <algorithm>
#include <cmath>

namespace loopstage::align
{
namespace
{
    constexpr double binSeconds = 0.002;

    // Power over 10 ms (five bins, centred), in dB: a fricative's flicker is not a new word.
    std::vector<float> smoothedDb (const std::vector<float>& power)
    {
        std::vector<float> smooth (power.size());
        for (size_t b = 0; b < power.size(); ++b)
        {
            double sum = 0.0;
            for (size_t k = b >= 2 ? b - 2 : 0; k <= std::min (power.size() - 1, b + 2); ++k)
                sum += power[k];
            smooth[b] = (float) (10.0 * std::log10 (sum / 5.0 + 1e-14));
        }
        return smooth;
    }

    float percentile (std::vector<float> v, double p)
    {
        const auto k = (size_t) std::clamp (p * (double) v.size(), 0.0, (double) v.size() - 1.0);
        std::nth_element (v.begin(), v.begin() + (long) k, v.end());
        return v[k];
    }
} // namespace

WordLevel::WordLevel (int sampleRate)
    : perBin (std::max<std::int64_t> (1, std::llround (binSeconds * sampleRate))),
      secondsPerBin ((double) perBin / sampleRate)
{
    dsp::EqBand band;
    band.type = dsp::EqBand::Type::highPass;
    band.frequency = 100.0;
    highPass = dsp::designBand (band, sampleRate);
}

void WordLevel::add (const float* samples, std::int64_t count)
{
    for (std::int64_t i = 0; i < count; ++i)
    {
        const double y = highPass.process (samples[i], z1, z2);
        sum += y * y;
        if (++inBin == perBin)
        {
            power.push_back ((float) (sum / (double) perBin));
            sum = 0.0;
            inBin = 0;
        }
    }
}

WordOnsets wordOnsets (const MonoSource& source)
{
    WordLevel level (source.sampleRate());
    std::vector<float> block (1 << 16);
    for (std::int64_t first = 0; first < source.frames(); first += (std::int64_t) block.size())
    {
        const auto count = std::min ((std::int64_t) block.size(), source.frames() - first);
        source.read (first, count, block.data());
        level.add (block.data(), count);
    }
    return level.onsets();
}

WordOnsets WordLevel::onsets() const
{
    const auto level = smoothedDb (power);
    WordOnsets onsets;
    if (level.size() < 50)
        return onsets;
    const float floor = percentile (level, 0.10f), speech = percentile (level, 0.99f);
    onsets.rangeDb = speech - floor;
    if (speech - floor < 15.0f)
        return onsets;
    // A word starts where the level climbs `depth` out of the last valley and reaches the
    // speech threshold, provided the valley is a pause (down near the floor) or the climb a
    // big one: a plosive's closure inside a word dips less. It ends once it has fallen `depth`
    // under its own peak, so the next word can start out of that valley, silence or not. A
    // "word" that lasts under 50 ms is a plosive's release (the k of "oak"): dropped.
    const float threshold = std::max (floor + 12.0f, speech - 30.0f), depth = 12.0f;
    const float pauseLevel = floor + 15.0f, bigClimb = 25.0f;
    const int n = (int) level.size(), ahead = (int) std::lround (0.15 / secondsPerBin);
    const int shortest = (int) std::lround (0.05 / secondsPerBin);
    int valley = 0, start = 0, lastStart = 0;
    float lastPeak = 0.0f;
    bool inWord = false;
    float peak = 0.0f;
    for (int i = 0; i < n; ++i)
    {
        const float l = level[(size_t) i];
        if (inWord)
        {
            peak = std::max (peak, l);
            if (peak - l >= depth)
            {
                inWord = false;
                valley = i;
                if (i - start < shortest)
                    onsets.seconds.pop_back();
            }
            continue;
        }
        if (l < level[(size_t) valley])
            valley = i;
        const float climb = l - level[(size_t) valley];
        const bool pause = level[(size_t) valley] <= pauseLevel || climb >= bigClimb || onsets.seconds.empty();
        if (l >= threshold && climb >= depth && pause)
        {
            // Back to where the word rises out of 35 dB under its peak (the way an editor's
            // eye on the waveform places it), but not into the valley's floor.
            const float wordPeak = *std::max_element (level.begin() + i, level.begin() + std::min (n, i + ahead));
            // A rise under 450 ms after the last word's, 6 dB or more under its peak, is that
            // word's coda after a closure (the p of "keep", the tch of "watch"), not a word.
            if (! onsets.seconds.empty() && wordPeak < lastPeak - 6.0f && (i - lastStart) * secondsPerBin < 0.45)
                continue;
            const float from = std::max (wordPeak - 35.0f, level[(size_t) valley] + 3.0f);
            int onset = i;
            while (onset > valley && level[(size_t) onset - 1] >= from)
                --onset;
            onsets.seconds.push_back (onset * secondsPerBin);
            inWord = true;
            peak = l;
            start = i;
            lastStart = i;
            lastPeak = wordPeak;
        }
    }
    return onsets;
}
} // namespace loopstage::align
