#pragma once
/** Generalised cross-correlation of two whole signals at one rate (the coarse search).

    Weighting is PHAT-beta: the cross-spectrum divided by its magnitude to the power beta (0.8),
    limited to a band. Plain PHAT (beta = 1) whitens completely, which is what makes a clean booth
    mic and an EQ'd, reverberant production track line up, but it also gives every noise-only bin
    a full vote; beta < 1 keeps a little of the magnitude so bins where speech dominates count
    more (Rubo/Donohue's PHAT-beta). The band drops hum and rumble below 100 Hz.
    Convention: a positive lag means the sound happens later in `take` than in `guide`.
*/
#include <cstdint>
#include <vector>

namespace loopstage::align
{
struct LagPeak
{
    std::int64_t lag = 0;           ///< samples, integer peak
    double interpolatedLag = 0.0;   ///< samples, parabolic sub-sample peak
    double peakToSidelobe = 0.0;    ///< (peak - mean) / standard deviation of the other lags
    std::int64_t lagsSearched = 0;
};

struct CorrelationBand
{
    double lowHz = 100.0;
    double highHz = 1e9;
    double beta = 0.8;
};

/** Searches lags [minLag, maxLag] (take(t + lag) ~ guide(t)); both signals at `sampleRate`.
    Returns lagsSearched == 0 when there is nothing to search (silence, no overlap). The signals
    are taken by value and released once copied into the FFT buffers (the peak memory of a long
    file's alignment is here: two FFTs of the length of both 4 kHz copies together). */
LagPeak correlateWhole (std::vector<float> guide, std::vector<float> take,
                        double sampleRate, std::int64_t minLag, std::int64_t maxLag,
                        const CorrelationBand& band);
} // namespace loopstage::align
