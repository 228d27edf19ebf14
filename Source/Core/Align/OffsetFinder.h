#pragma once
/** The global offset of a take against its guide, coarse to fine.

    1. Coarse: both signals decimated to 4 kHz, PHAT-beta correlation over every lag that
       overlaps (or +/- max-offset): one FFT pair of a quarter-million points for a minute.
    2. Fine: at the guide's full rate (the take resampled onto it, windows only), the 32 loudest
       0.7 s Hann windows where both speak, shifted by the coarse lag, are averaged into one
       cross-spectrum (Welch). Weighting is Hannan-Thomson / maximum likelihood: phase only, times
       gamma^2 / (1 - gamma^2) from the measured coherence, so bins where noise (wind, traffic,
       hum) or reverb decorrelate the two count little.
    3. Sub-sample: the weighted correlation is band-limited, so it is evaluated exactly at any
       fractional lag (sum over bins) and maximised by golden-section search within +/-1 sample.

    Confidence (0..1) comes from the coarse correlation's peak-to-sidelobe ratio z (peak minus
    mean over the standard deviation of every other lag). For an unrelated take the peak is
    the largest of K values, z0 = sqrt(2 ln K) for Gaussian noise and up to about 2 z0 for
    unrelated speech (measured: 9.7 with z0 = 4.7); confidence is 1 - exp(-(z - 3 z0) / (2 z0)),
    0 below 3 z0. A true match at 10 dB SNR gives z of 50..300+.
*/
#include <cstdint>
#include <optional>
#include <vector>

namespace loopstage::align
{
/** A mono signal at a whole-number sample rate. */
struct MonoSignal
{
    std::vector<float> samples;
    int sampleRate = 48000;
};

struct OffsetEstimate
{
    double offsetSamples = 0.0;     ///< at the guide's rate: take(t + offset) ~ guide(t)
    double confidence = 0.0;        ///< 0..1
    double peakToSidelobe = 0.0;    ///< z of the coarse peak
};

struct OffsetOptions
{
    std::optional<double> maxOffsetSeconds;
    int coarseRate = 4000;
};

class MonoSource;

/** Reads both sources block by block: only the 4 kHz copies and 32 windows are ever held. */
OffsetEstimate findOffset (const MonoSource& guide, const MonoSource& take, const OffsetOptions& options = {});

/** The documented mapping from peak-to-sidelobe ratio z over K lags to 0..1. */
double confidenceFromPeak (double peakToSidelobe, std::int64_t lagsSearched);

/** Refines `roughOffset` (guide samples) at full rate; returns the refined offset. */
double refineOffset (const MonoSource& guide, const MonoSource& take, double roughOffset, int searchRadius);
} // namespace loopstage::align
