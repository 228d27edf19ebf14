#include "Dsp/TruePeakLimiter.h"
#include "Dsp/Decibels.h"
#include "Dsp/Envelope.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
void TruePeakLimiter::prepare (int channels, double sampleRate, int maxBlock, double ceilingDbtp,
                               double lookaheadMs, double releaseMs, TruePeakDetector::Reach reach)
{
    prepareStage (channels, sampleRate, maxBlock, ceilingDbtp, lookaheadMs, releaseMs, reach);
    trim.reset();
    if (reach == TruePeakDetector::Reach::reference)
    {
        trim = std::make_unique<TruePeakLimiter>();
        trim->prepareStage (channels, sampleRate, maxBlock, ceilingDbtp, lookaheadMs, releaseMs, reach);
    }
    reset();
}

void TruePeakLimiter::prepareStage (int channels, double sampleRate, int maxBlock, double ceilingDbtp,
                                    double lookaheadMs, double releaseMs, TruePeakDetector::Reach reach)
{
    numChannels = channels;
    maxBlockSize = maxBlock;
    window = std::max (2, (int) std::lround (lookaheadMs * 0.001 * sampleRate));
    setCeiling (ceilingDbtp);
    setRelease (releaseMs, sampleRate);
    detectors.assign ((size_t) channels, TruePeakDetector {});
    for (auto& d : detectors)
        d.prepare (maxBlock, reach);
    detectorDelay = detectors.empty() ? 0 : detectors.front().latency();
    peaks.assign ((size_t) maxBlock, 0.0f);
    channelPeaks.assign ((size_t) maxBlock, 0.0f);
    queueIndex.assign ((size_t) window + 1, 0);
    queueValue.assign ((size_t) window + 1, 1.0f);
    boxRing.assign ((size_t) window, 1.0);
    delay.assign ((size_t) channels, std::vector<float> ((size_t) ownLatency() + 1, 0.0f));
}

void TruePeakLimiter::setCeiling (double ceilingDbtp) noexcept
{
    // 0.01 dB in hand: the gain moves a little within the interpolation filter's reach.
    ceiling = (float) dbToGain (ceilingDbtp - 0.01);
    if (trim != nullptr)
        trim->setCeiling (ceilingDbtp);
}

void TruePeakLimiter::setRelease (double releaseMs, double sampleRate) noexcept
{
    releaseCoefficient = 1.0 - timeConstantCoefficient (releaseMs, sampleRate);
    if (trim != nullptr)
        trim->setRelease (releaseMs, sampleRate);
}

void TruePeakLimiter::reset() noexcept
{
    for (auto& d : detectors)
        d.reset();
    std::fill (std::begin (recentPeaks), std::end (recentPeaks), 0.0f);
    recentPos = 0;
    queueHead = queueSize = 0;
    time = 0;
    envelope = 1.0;
    std::fill (boxRing.begin(), boxRing.end(), 1.0);
    boxSum = (double) window;
    boxPos = 0;
    for (auto& d : delay)
        std::fill (d.begin(), d.end(), 0.0f);
    delayPos = 0;
    minGain = 1.0f;
    if (trim != nullptr)
        trim->reset();
}

double TruePeakLimiter::maxReductionDb() const noexcept
{
    const double own = minGain < 1.0f ? -gainToDb ((double) minGain) : 0.0;
    return own + (trim != nullptr ? trim->maxReductionDb() : 0.0);
}

float TruePeakLimiter::pushRequirement (float required) noexcept
{
    // Sliding minimum over the last `window` requirements (a monotonic queue in a ring).
    const int capacity = window + 1;
    while (queueSize > 0)
    {
        const int back = (queueHead + queueSize - 1) % capacity;
        if (queueValue[(size_t) back] < required)
            break;
        --queueSize;
    }
    const int slot = (queueHead + queueSize) % capacity;
    queueIndex[(size_t) slot] = time;
    queueValue[(size_t) slot] = required;
    ++queueSize;
    while (queueIndex[(size_t) queueHead] <= time - window)
    {
        queueHead = (queueHead + 1) % capacity;
        --queueSize;
    }
    return queueValue[(size_t) queueHead];
}

void TruePeakLimiter::process (float* const* channels, int n) noexcept
{
    std::fill (peaks.begin(), peaks.begin() + n, 0.0f);
    for (int c = 0; c < numChannels; ++c)
    {
        // Exact where it matters (at or over the ceiling); what stays under needs no gain.
        detectors[(size_t) c].peaksPerSample (channels[c], n, ceiling, channelPeaks.data());
        for (int i = 0; i < n; ++i)
            peaks[(size_t) i] = std::max (peaks[(size_t) i], channelPeaks[(size_t) i]);
    }

    const int ringLength = ownLatency() + 1;
    for (int i = 0; i < n; ++i)
    {
        // The oversampled values of input i lie between samples i - detectorDelay and the one
        // after it; their gain covers the `spread` samples either side as well.
        recentPeaks[recentPos] = peaks[(size_t) i];
        recentPos = (recentPos + 1) % (2 * spread + 2);
        float detected = 0.0f;
        for (float p : recentPeaks)
            detected = std::max (detected, p);
        const float required = detected > ceiling ? ceiling / detected : 1.0f;
        const double held = pushRequirement (required);
        ++time;

        if (held < envelope)
            envelope = held;
        else
        {
            envelope += (held - envelope) * releaseCoefficient;
            if (held == 1.0 && envelope > 1.0 - 1e-7)
                envelope = 1.0;
        }

        boxSum += envelope - boxRing[(size_t) boxPos];
        boxRing[(size_t) boxPos] = envelope;
        if (++boxPos == window)
        {
            // Re-add from scratch once per window so rounding never drifts.
            boxPos = 0;
            boxSum = 0.0;
            for (double v : boxRing)
                boxSum += v;
        }
        const float gain = (float) std::min (1.0, boxSum / (double) window);
        minGain = std::min (minGain, gain);

        const int readPos = (delayPos + 1) % ringLength;
        for (int c = 0; c < numChannels; ++c)
        {
            auto& line = delay[(size_t) c];
            line[(size_t) delayPos] = channels[c][i];
            channels[c][i] = line[(size_t) readPos] * gain;
        }
        delayPos = readPos;
    }
    if (trim != nullptr)
        trim->process (channels, n);
}
} // namespace loopstage::dsp
