#pragma once
/** Sub-sample refinement of an offset on the waveforms, for a take that is a copy of the guide's
    sound (a clean take of the same recording, a conformed or re-exported file) rather than a
    re-performance. TimeWarp.h finds the offset on features to a few milliseconds first; this
    only polishes it, and is only used where the two agree.

    At the guide's full rate (the take resampled onto it, windows only), the 32 loudest 0.7 s
    Hann windows where both speak, shifted by the rough offset, are averaged into one
    cross-spectrum (Welch). Weighting is Hannan-Thomson / maximum likelihood: phase only, times
    gamma^2 / (1 - gamma^2) from the measured coherence, so bins where noise (wind, traffic, hum)
    or reverb decorrelate the two count little. The weighted correlation is band-limited, so it
    is evaluated exactly at any fractional lag (sum over bins) and maximised by golden-section
    search within +/-1 sample. Polarity-aware: a trough more than 1.5 times deeper than the
    highest peak is an inverted take (a mic or cable wired the other way), whose trough is then
    sought instead of a neighbouring sidelobe peak; a warped copy's troughs come close to its
    peak without being inverted, hence the margin.
*/
#include <vector>

namespace loopstage::align
{
/** A mono signal at a whole-number sample rate. */
struct MonoSignal
{
    std::vector<float> samples;
    int sampleRate = 48000;
};

class MonoSource;

struct WaveformMatch
{
    double offsetSamples = 0.0;    ///< at the guide's rate
    double peakToSidelobe = 0.0;   ///< |peak| over the RMS of the other lags: a copy reads 20+, a re-performance under 8
    bool inverted = false;         ///< the take's polarity is flipped
};

/** Refines `roughOffset` (guide samples) at full rate within +/- searchRadius samples. */
WaveformMatch refineOffset (const MonoSource& guide, const MonoSource& take, double roughOffset, int searchRadius);
} // namespace loopstage::align
