#include "Dsp/TruePeakLimiter.h"
#include "Dsp/Decibels.h"
#include "Dsp/Envelope.h"

#include <algorithm>
#include <cmath>

namespace loopstage::dsp
{
void TruePeakLimiter::prepare (int channels, double sampleRate, int maxBlock, double ceilingDbtp,
                               double lookaheadMs, double releaseMs)
{
    numChannels = channels;
    maxBlockSize = maxBlock;
    window = std::max (2, (int) std::lround (lookaheadMs * 0.001 * sampleRate));
    setCeiling (ceilingDbtp);
    setRelease (releaseMs, sampleRate);
    detectors.assign ((size_t) channels, Oversampler {});
    for (auto& d : detectors)
        d.prepare (16, maxBlock);
    peaks.assign ((size_t) maxBlock, 0.0f);
    recentMax.assign ((size_t) channels, 0.0f);
    channelPeaks.assign ((size_t) maxBlock, 0.0f);
    queueIndex.assign ((size_t) window + 1, 0);
    queueValue.assign ((size_t) window + 1, 1.0f);
    boxRing.assign ((size_t) window, 1.0);
    delay.assign ((size_t) channels, std::vector<float> ((size_t) latencySamples() + 1, 0.0f));
    reset();
}

void TruePeakLimiter::setCeiling (double ceilingDbtp) noexcept
{
    // 0.01 dB in hand: the gain moves a little within the interpolation filter's reach.
    ceiling = (float) dbToGain (ceilingDbtp - 0.01);
}

void TruePeakLimiter::setRelease (double releaseMs, double sampleRate) noexcept
{
    releaseCoefficient = 1.0 - timeConstantCoefficient (releaseMs, sampleRate);
}

void TruePeakLimiter::reset() noexcept
{
    for (auto& d : detectors)
        d.reset();
    previousPeak = 0.0f;
    std::fill (recentMax.begin(), recentMax.end(), 0.0f);
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
}

double TruePeakLimiter::maxReductionDb() const noexcept
{
    return minGain < 1.0f ? -gainToDb ((double) minGain) : 0.0;
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
        auto& detector = detectors[(size_t) c];
        auto& recent = recentMax[(size_t) c];
        // 64-sample stretches that even the filter's worst-case gain cannot lift to the
        // ceiling need no interpolation: their requirement is 1 whatever the phase.
        for (int start = 0; start < n; start += 64)
        {
            const int len = std::min (64, n - start);
            const float* x = channels[c] + start;
            float m = 0.0f;
            for (int i = 0; i < len; ++i)
                m = std::max (m, std::fabs (x[i]));
            if (std::max (m, recent) * detector.gainBound() < ceiling)
                detector.skip (x, len);
            else
            {
                detector.peaksPerSample (x, len, channelPeaks.data());
                for (int i = 0; i < len; ++i)
                    peaks[(size_t) (start + i)] = std::max (peaks[(size_t) (start + i)], channelPeaks[(size_t) i]);
            }
            // The filter reaches 15 samples back: carry this stretch's tail peak (>= 15 samples).
            float tail = 0.0f;
            for (int i = std::max (0, len - 15); i < len; ++i)
                tail = std::max (tail, std::fabs (x[i]));
            recent = len >= 15 ? tail : std::max (recent, tail);
        }
    }

    const int ringLength = latencySamples() + 1;
    for (int i = 0; i < n; ++i)
    {
        // The oversampled values of input i lie between samples i-8 and i-7: both need the gain.
        const float detected = std::max (peaks[(size_t) i], previousPeak);
        previousPeak = peaks[(size_t) i];
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
}
} // namespace loopstage::dsp
