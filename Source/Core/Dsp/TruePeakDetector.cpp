#include "Dsp/TruePeakDetector.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
namespace
{
    constexpr int scanFactor = 4, scanTaps = 64;
    constexpr double beta = 9.0;
    constexpr int f = TruePeakDetector::factor;

    /** Taps of the given phases of the 16x interpolator with `taps` taps a phase, stored
        oldest sample first so a read walks the input forwards: [tap][phase] when `interleaved`
        (those phases all in one pass), else [phase][tap] (one phase at a time, contiguous).
        Phase p, tap k (k = 0 the newest sample) is h[k f + p]. */
    std::vector<float> oldestFirst (int taps, const std::vector<int>& phases, bool interleaved)
    {
        const auto h = interpolatorTaps (f, taps, beta);
        const int n = (int) phases.size();
        std::vector<float> t ((size_t) (n * taps));
        for (int k = 0; k < taps; ++k)
            for (int q = 0; q < n; ++q)
                t[(size_t) (interleaved ? (taps - 1 - k) * n + q : q * taps + taps - 1 - k)]
                    = (float) h[(size_t) (k * f + phases[(size_t) q])];
        return t;
    }

    std::vector<int> allPhases()
    {
        std::vector<int> p ((size_t) f);
        for (int i = 0; i < f; ++i)
            p[(size_t) i] = i;
        return p;
    }

    // Built once (milliseconds), read-only afterwards: every channel of every meter shares them.
    const std::vector<float>& readTable()
    {
        static const auto table = oldestFirst (TruePeakDetector::readTaps, allPhases(), true);
        return table;
    }

    // The read's phases 0, 4, 8 and 12 alone: the scan's grid, a quarter of the work.
    const std::vector<float>& coarseTable()
    {
        static const auto table = oldestFirst (TruePeakDetector::readTaps, { 0, 4, 8, 12 }, true);
        return table;
    }

    // Only two or three phases of it are read at a time: each phase contiguous.
    const std::vector<float>& fineTable()
    {
        static const auto table = oldestFirst (TruePeakDetector::fineTaps, allPhases(), false);
        return table;
    }
} // namespace

void TruePeakDetector::prepare (int maxBlock, Reach reach)
{
    blockCapacity = maxBlock;
    fine = reach == Reach::reference;
    delay = fine ? fineTaps / 2 : readTaps / 2;
    history = (fine ? fineTaps : readTaps) - 1;
    scan.prepare (scanFactor, scanTaps, beta, maxBlock);
    readTable = &dsp::readTable();
    coarseTable = &dsp::coarseTable();
    fineTable = fine ? &dsp::fineTable() : nullptr;
    // Room for many blocks after the history, so it is moved back once in a while, not per block.
    input.assign ((size_t) (history + 16 * std::max (maxBlock, 256)), 0.0f);
    int ring = 1;
    while (ring < maxBlock + delay + 2)
        ring *= 2;
    scanRing.assign ((size_t) ring, 0.0f);
    scratch.assign ((size_t) maxBlock, 0.0f);
    scanHistory.assign ((size_t) scanTaps - 1, 0.0f);
    scanGain = (float) dbToGain (-scanMarginDb);
    fineGain = (float) dbToGain (-fineMarginDb);
    coarseGain = (float) dbToGain (-coarseMarginDb);
    agreement = (float) dbToGain (0.05);
    reset();
}

void TruePeakDetector::reset() noexcept
{
    scan.reset();
    std::fill (input.begin(), input.end(), 0.0f);
    base = history;
    std::fill (scanRing.begin(), scanRing.end(), 0.0f);
    std::fill (scanHistory.begin(), scanHistory.end(), 0.0f);
    time = 0;
}

float TruePeakDetector::readAt (int newest, int& bestPhase) const noexcept
{
    float acc[f] = {};
    const float* x = input.data() + newest - (readTaps - 1);
    const float* h = readTable->data();
    for (int k = 0; k < readTaps; ++k)
    {
        const float v = x[k];
        const float* row = h + k * f;
        for (int p = 0; p < f; ++p)
            acc[p] += row[p] * v;
    }
    float m = 0.0f;
    bestPhase = 0;
    for (int p = 0; p < f; ++p)
        if (std::fabs (acc[p]) > m)
        {
            m = std::fabs (acc[p]);
            bestPhase = p;
        }
    return m;
}

float TruePeakDetector::coarseReadAt (int newest) const noexcept
{
    float acc[4] = {};
    const float* x = input.data() + newest - (readTaps - 1);
    const float* h = coarseTable->data();
    for (int k = 0; k < readTaps; ++k)
        for (int q = 0; q < 4; ++q)
            acc[q] += h[k * 4 + q] * x[k];
    return std::max (std::max (std::fabs (acc[0]), std::fabs (acc[1])), std::max (std::fabs (acc[2]), std::fabs (acc[3])));
}

float TruePeakDetector::fineReadAt (int newest, int phase) const noexcept
{
    // Eight running sums so the compiler can keep them in one vector register.
    float acc[8] = {};
    const float* x = input.data() + newest - (fineTaps - 1);
    const float* h = fineTable->data() + phase * fineTaps;
    for (int k = 0; k < fineTaps; k += 8)
        for (int l = 0; l < 8; ++l)
            acc[l] += h[k + l] * x[k + l];
    float sum = 0.0f;
    for (float a : acc)
        sum += a;
    return std::fabs (sum);
}

template <typename Sink>
void TruePeakDetector::run (const float* x, int n, float threshold, bool scanAll, Sink&& sink) noexcept
{
    if (base + n > (int) input.size())
    {
        std::copy (input.begin() + base - history, input.begin() + base, input.begin());
        base = history;
    }
    std::copy (x, x + n, input.begin() + base);
    const auto mask = (std::int64_t) scanRing.size() - 1;

    // Scan, unless no sample in reach can lift it near the threshold.
    float reach = 0.0f;
    for (int i = 0; i < n; ++i)
        reach = std::max (reach, std::fabs (x[i]));
    for (float v : scanHistory)
        reach = std::max (reach, v);
    if (scanAll || reach * scan.gainBound() >= threshold * scanGain)
    {
        scan.peaksPerSample (x, n, scratch.data());
        for (int i = 0; i < n; ++i)
            scanRing[(size_t) ((time + i) & mask)] = scratch[(size_t) i];
    }
    else
    {
        scan.skip (x, n);
        for (int i = 0; i < n; ++i)
            scanRing[(size_t) ((time + i) & mask)] = 0.0f;
    }

    // Output i describes the interval [j - delay, j - delay + 1), j = time + i. The scan of
    // input s describes [s - 32, s - 31), the read of input m [m - 256, m - 255), the fine read
    // of input j the output's own interval.
    const float nearScan = threshold * scanGain, nearFine = threshold * fineGain;
    const float nearCoarse = threshold * coarseGain * (fine ? fineGain : 1.0f);
    const int scanLag = delay - scanTaps / 2, readLag = delay - readTaps / 2;
    for (int i = 0; i < n; ++i)
    {
        const auto s = time + i - scanLag;
        const float here = scanRing[(size_t) (s & mask)];
        // The peak can fall between two scan points that belong to neighbouring samples.
        const float around = std::max ({ here, scanRing[(size_t) ((s - 1) & mask)], scanRing[(size_t) ((s + 1) & mask)] });
        if (around < nearScan || around <= 0.0f)
        {
            sink (i, here);
            continue;
        }
        // Four of the sixteen points first: between them a band-limited signal cannot rise
        // more than coarseMarginDb (Bernstein: |x''| <= pi^2 max|x|, a quarter sample apart);
        // where a fine read may follow, it may also find up to fineMarginDb more.
        const float coarse = coarseReadAt (base + i - readLag);
        if (coarse < nearCoarse)
        {
            sink (i, coarse);
            continue;
        }
        int phase = 0;
        float v = readAt (base + i - readLag, phase);
        // Content close enough to Nyquist for the fine read to differ is far outside the
        // scan's band, so the scan reads it well under the read; where the two agree (a tone
        // well inside the band), the read is final.
        if (fine && v >= nearFine && v > around * agreement)
        {
            // The fine read's maximum sits at or next to the read's; phases wrap into the
            // neighbouring intervals, which their own outputs read.
            float best = fineReadAt (base + i, phase);
            if (phase > 0)
                best = std::max (best, fineReadAt (base + i, phase - 1));
            if (phase < f - 1)
                best = std::max (best, fineReadAt (base + i, phase + 1));
            v = best;
        }
        sink (i, v);
    }

    base += n;
    const int h = (int) scanHistory.size();
    if (n >= h)
        for (int i = 0; i < h; ++i)
            scanHistory[(size_t) i] = std::fabs (x[n - h + i]);
    else
    {
        std::rotate (scanHistory.begin(), scanHistory.begin() + n, scanHistory.end());
        for (int i = 0; i < n; ++i)
            scanHistory[(size_t) (h - n + i)] = std::fabs (x[i]);
    }
    time += n;
}

void TruePeakDetector::peaksPerSample (const float* x, int n, float threshold, float* out) noexcept
{
    run (x, n, threshold, false, [out] (int i, float v) { out[i] = v; });
}

float TruePeakDetector::peak (const float* x, int n, float threshold, bool scanAll) noexcept
{
    float m = 0.0f;
    run (x, n, threshold, scanAll, [&m] (int i, float v) { m = std::max (m, v); });
    return m;
}
} // namespace loopstage::dsp
