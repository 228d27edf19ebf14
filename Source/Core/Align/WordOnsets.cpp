#include "Align/WordOnsets.h"
#include "Dsp/BiquadDesign.h"

#include <algorithm>
#include <cmath>

namespace loopstage::align
{
namespace
{
    constexpr double binSeconds = 0.002;

    std::vector<float> levelDb (const MonoSource& source, std::int64_t perBin)
    {
        const int rate = source.sampleRate();
        const auto bins = source.frames() / perBin;
        dsp::EqBand band;
        band.type = dsp::EqBand::Type::highPass;
        band.frequency = 100.0;
        const auto highPass = dsp::designBand (band, rate);
        double z1 = 0.0, z2 = 0.0;
        std::vector<float> level ((size_t) std::max<std::int64_t> (0, bins));
        const std::int64_t binsPerBlock = 4096;
        std::vector<float> block ((size_t) (binsPerBlock * perBin));
        for (std::int64_t first = 0; first < bins; first += binsPerBlock)
        {
            const auto count = std::min (binsPerBlock, bins - first);
            source.read (first * perBin, count * perBin, block.data());
            for (std::int64_t b = 0; b < count; ++b)
            {
                double sum = 0.0;
                for (std::int64_t k = b * perBin; k < (b + 1) * perBin; ++k)
                {
                    const double y = highPass.process (block[(size_t) k], z1, z2);
                    sum += y * y;
                }
                level[(size_t) (first + b)] = (float) (sum / (double) perBin);
            }
        }
        // Power over 10 ms (five bins, centred): a fricative's flicker is not a new word.
        std::vector<float> smooth (level.size());
        for (size_t b = 0; b < level.size(); ++b)
        {
            double sum = 0.0;
            for (size_t k = b >= 2 ? b - 2 : 0; k <= std::min (level.size() - 1, b + 2); ++k)
                sum += level[k];
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

WordOnsets wordOnsets (const MonoSource& source)
{
    const auto perBin = std::max<std::int64_t> (1, std::llround (binSeconds * source.sampleRate()));
    const double secondsPerBin = (double) perBin / source.sampleRate();
    const auto level = levelDb (source, perBin);
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
