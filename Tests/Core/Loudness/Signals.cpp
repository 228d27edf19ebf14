#include "Signals.h"

#include <algorithm>
#include <cmath>

namespace loopstage::test
{
audio::AudioBuffer sineSequence (double rate, int channels, double hz,
                                 const std::vector<std::pair<double, double>>& segments,
                                 const std::vector<int>& active)
{
    std::int64_t total = 0;
    for (auto& s : segments)
        total += std::llround (s.first * rate);
    audio::AudioBuffer b (channels, total, rate);
    std::int64_t pos = 0;
    for (auto& [seconds, db] : segments)
    {
        const auto n = std::llround (seconds * rate);
        const double a = std::pow (10.0, db / 20.0);
        for (std::int64_t i = 0; i < n; ++i, ++pos)
        {
            const float v = (float) (a * std::sin (2.0 * M_PI * hz * (double) pos / rate));
            for (int c = 0; c < channels; ++c)
                if (active.empty() || std::find (active.begin(), active.end(), c) != active.end())
                    b.channels[(size_t) c][(size_t) pos] = v;
        }
    }
    return b;
}

audio::AudioBuffer sine (double rate, double seconds, double hz, double amplitude, double phaseDegrees)
{
    const auto n = std::llround (seconds * rate);
    audio::AudioBuffer b (1, n, rate);
    for (std::int64_t i = 0; i < n; ++i)
        b.channels[0][(size_t) i] = (float) (amplitude * std::sin (2.0 * M_PI * hz * (double) i / rate + phaseDegrees * M_PI / 180.0));
    return b;
}
} // namespace loopstage::test
