#include "Loudness/TruePeakMeter.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace loopstage::loudness
{
double toDecibels (double linear) noexcept
{
    return linear > 0.0 ? dsp::gainToDb (linear) : -std::numeric_limits<double>::infinity();
}

void TruePeakMeter::prepare (int channels, int maxBlock)
{
    states.clear();
    states.resize ((size_t) channels);
    for (auto& s : states)
        s.detector.prepare (std::min (maxBlock, historyStep), dsp::TruePeakDetector::Reach::reference);
    reset();
}

void TruePeakMeter::reset() noexcept
{
    for (auto& s : states)
    {
        s.detector.reset();
        s.truePeak = s.samplePeak = 0.0f;
    }
}

void TruePeakMeter::process (const float* const* channels, int n) noexcept
{
    for (int c = 0; c < (int) states.size(); ++c)
        processChannel (c, channels[c], n);
}

void TruePeakMeter::processChannel (int channel, const float* x, int n) noexcept
{
    auto& s = states[(size_t) channel];
    // Short chunks make the detector's skip test sharp: one loud sample only forces its own
    // 256 samples to be scanned.
    const int block = s.detector.maxBlock();
    for (int done = 0; done < n;)
    {
        const int chunk = std::min (block, n - done);
        const float* in = x + done;
        float blockMax = 0.0f;
        for (int i = 0; i < chunk; ++i)
            blockMax = std::max (blockMax, std::fabs (in[i]));
        s.samplePeak = std::max (s.samplePeak, blockMax);
        // A true peak is never below the sample peak; the detector only needs to read what
        // could beat the larger of the two.
        s.truePeak = std::max (s.truePeak, blockMax);
        const float p = s.detector.peak (in, chunk, s.truePeak, s.peakLog != nullptr);
        if (s.peakLog != nullptr)
            s.peakLog->push_back (std::max (blockMax, p));
        s.truePeak = std::max (s.truePeak, p);
        done += chunk;
    }
}

void TruePeakMeter::flush() noexcept
{
    const float zeros[dsp::TruePeakDetector::readTaps] = {};
    for (int c = 0; c < (int) states.size(); ++c)
        for (int done = 0; done < states[(size_t) c].detector.latency(); done += dsp::TruePeakDetector::readTaps)
            processChannel (c, zeros, dsp::TruePeakDetector::readTaps);
}

float TruePeakMeter::truePeak() const noexcept
{
    float m = 0.0f;
    for (auto& s : states)
        m = std::max (m, s.truePeak);
    return m;
}

float TruePeakMeter::samplePeak() const noexcept
{
    float m = 0.0f;
    for (auto& s : states)
        m = std::max (m, s.samplePeak);
    return m;
}
} // namespace loopstage::loudness
