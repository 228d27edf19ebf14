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

void TruePeakMeter::prepare (int channels, int factor, int maxBlock)
{
    states.clear();
    states.resize ((size_t) channels);
    for (auto& s : states)
    {
        s.oversampler.prepare (factor, maxBlock);
        s.history.assign ((size_t) dsp::Oversampler::tapsPerPhase - 1, 0.0f);
    }
    reset();
}

void TruePeakMeter::reset() noexcept
{
    for (auto& s : states)
    {
        s.oversampler.reset();
        std::fill (s.history.begin(), s.history.end(), 0.0f);
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
    // Short chunks make the skip test sharp: one loud sample only forces its own 256 samples.
    const int block = std::min (historyStep, s.oversampler.maxBlock());
    const int h = dsp::Oversampler::tapsPerPhase - 1;
    for (int done = 0; done < n;)
    {
        const int chunk = std::min (block, n - done);
        const float* in = x + done;
        float blockMax = 0.0f;
        for (int i = 0; i < chunk; ++i)
            blockMax = std::max (blockMax, std::fabs (in[i]));
        s.samplePeak = std::max (s.samplePeak, blockMax);
        float reach = blockMax;
        for (float v : s.history)
            reach = std::max (reach, v);

        // Every output of this block depends only on these samples and the 15 before them.
        if (s.peakLog != nullptr)
        {
            const float p = std::max (blockMax, s.oversampler.peak (in, chunk));
            s.peakLog->push_back (p);
            s.truePeak = std::max (s.truePeak, p);
        }
        else if (reach * s.oversampler.gainBound() > s.truePeak)
            s.truePeak = std::max (s.truePeak, s.oversampler.peak (in, chunk));
        else
            s.oversampler.skip (in, chunk);
        s.truePeak = std::max (s.truePeak, blockMax);

        if (chunk >= h)
            for (int i = 0; i < h; ++i)
                s.history[(size_t) i] = std::fabs (in[chunk - h + i]);
        else
        {
            std::rotate (s.history.begin(), s.history.begin() + chunk, s.history.end());
            for (int i = 0; i < chunk; ++i)
                s.history[(size_t) (h - chunk + i)] = std::fabs (in[i]);
        }
        done += chunk;
    }
}

void TruePeakMeter::flush() noexcept
{
    const float zeros[dsp::Oversampler::tapsPerPhase] = {};
    for (int c = 0; c < (int) states.size(); ++c)
        processChannel (c, zeros, dsp::Oversampler::tapsPerPhase);
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
