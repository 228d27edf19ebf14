#include "PeakySignal.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace loopstage::test
{
audio::AudioBuffer peakySignal (double rate, int channels, double seconds, unsigned seed)
{
    std::mt19937 rng (seed);
    std::normal_distribution<float> noise (0.0f, 1.0f);
    const auto n = (std::int64_t) (seconds * rate);
    audio::AudioBuffer b (channels, n, rate);
    for (int c = 0; c < channels; ++c)
    {
        auto& x = b.channels[(size_t) c];
        float lp = 0.0f;
        for (std::int64_t i = 0; i < n; ++i)
        {
            const double t = (double) i / rate;
            // Syllable-rate level swings on low-passed noise.
            const float env = (float) (0.5 + 0.5 * std::sin (2.0 * M_PI * 4.0 * t + c));
            lp += 0.2f * (noise (rng) - lp);
            x[(size_t) i] = 0.08f * env * lp;
        }
        // A transient every 0.7 s: a decaying noise burst (a drum hit, full band) from 0.98.
        // Not a tone at Nyquist: one alternating sample by sample carries most of the
        // programme's loudness (K-weighting lifts it), which no limiter can then keep.
        for (double t0 = 0.3 + 0.05 * c; t0 < seconds - 0.1; t0 += 0.7)
        {
            const auto start = (std::int64_t) (t0 * rate);
            for (std::int64_t k = 0; k < (std::int64_t) (0.02 * rate) && start + k < n; ++k)
                x[(size_t) (start + k)] += (float) (0.98 * std::exp (-(double) k / (0.002 * rate))
                                                    * (k == 0 ? 1.0 : (double) std::clamp (0.4f * noise (rng), -1.0f, 1.0f)));
        }
        // A tone at fs/4 phased 45°: samples at 0.6, true peak 0.85.
        const auto start = (std::int64_t) (seconds * 0.5 * rate);
        for (std::int64_t k = 0; k < (std::int64_t) (0.05 * rate) && start + k < n; ++k)
            x[(size_t) (start + k)] += (float) (0.85 * std::sin (M_PI / 2.0 * (double) k + M_PI / 4.0));
        for (auto& v : x)
            v = std::clamp (v, -0.99f, 0.99f);
    }
    return b;
}
} // namespace loopstage::test
