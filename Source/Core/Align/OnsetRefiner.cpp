#include "Align/OnsetRefiner.h"
#include "Dsp/BiquadDesign.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace loopstage::align
{
namespace
{
    constexpr double beforeSeconds = 0.04, afterSeconds = 0.15, settleSeconds = 0.02;

    // Speech-band level in dB, one value per millisecond, for [from, from + bins ms).
    std::vector<double> levelCurve (const MonoSource& source, double fromSeconds, int bins)
    {
        const int rate = source.sampleRate();
        const double perBin = rate / 1000.0;
        const auto settle = (std::int64_t) std::ceil (settleSeconds * rate);
        const auto first = (std::int64_t) std::llround (fromSeconds * rate);
        const auto count = (std::int64_t) std::ceil (bins * perBin) + 1;
        std::vector<float> samples ((size_t) (settle + count));
        source.read (first - settle, (std::int64_t) samples.size(), samples.data());
        const auto band = dsp::designBandPass (1200.0, 0.7, rate);
        double z1 = 0.0, z2 = 0.0;
        for (std::int64_t k = 0; k < settle; ++k)
            band.process (samples[(size_t) k], z1, z2);
        std::vector<double> level ((size_t) bins, 0.0);
        for (int b = 0; b < bins; ++b)
        {
            const auto a = (std::int64_t) std::llround (b * perBin), e = (std::int64_t) std::llround ((b + 1) * perBin);
            double sum = 0.0;
            for (auto k = a; k < e; ++k)
            {
                const double y = band.process (samples[(size_t) (settle + k)], z1, z2);
                sum += y * y;
            }
            level[(size_t) b] = 10.0 * std::log10 (sum / (double) std::max<std::int64_t> (1, e - a) + 1e-14);
        }
        return level;
    }

    double pearson (const double* a, const double* b, int n)
    {
        double ma = 0.0, mb = 0.0;
        for (int i = 0; i < n; ++i)
            ma += a[i], mb += b[i];
        ma /= n;
        mb /= n;
        double ab = 0.0, aa = 0.0, bb = 0.0;
        for (int i = 0; i < n; ++i)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa > 0.0 && bb > 0.0 ? ab / std::sqrt (aa * bb) : 0.0;
    }
} // namespace

std::optional<double> refineOnset (const MonoSource& guide, double guideSeconds, const MonoSource& take,
                                   double takeSeconds, double searchSeconds, double* correlation)
{
    const int span = (int) std::lround (1000.0 * (beforeSeconds + afterSeconds));
    const int reach = (int) std::lround (1000.0 * searchSeconds);
    const auto g = levelCurve (guide, guideSeconds - beforeSeconds, span);
    const auto x = levelCurve (take, takeSeconds - beforeSeconds - reach / 1000.0, span + 2 * reach);
    std::vector<double> score ((size_t) (2 * reach + 1));
    for (int lag = -reach; lag <= reach; ++lag)
        score[(size_t) (lag + reach)] = pearson (g.data(), x.data() + (lag + reach), span);
    const auto best = (int) (std::max_element (score.begin(), score.end()) - score.begin());
    if (correlation != nullptr)
        *correlation = score[(size_t) best];
    if (score[(size_t) best] < 0.4)
        return std::nullopt;
    double lag = best - reach;
    if (best > 0 && best < 2 * reach)
    {
        const double a = score[(size_t) best - 1], b = score[(size_t) best], c = score[(size_t) best + 1];
        const double curvature = a - 2.0 * b + c;
        if (curvature < 0.0)
            lag += 0.5 * (a - c) / curvature;
    }
    return lag / 1000.0;
}
} // namespace loopstage::align
