#pragma once
/** Finds speech in a programme, for dialogue-gated loudness (the Dolby Dialogue Intelligence /
    Netflix measure): loudness over the moments where someone speaks.

    How (documented in docs/LOUDNESS.md): the dialogue channel (centre of 5.1, the L+R sum of
    stereo, the mono channel) is cut into the meter's 100 ms frames, each into ten 10 ms slices.
    A frame is speech when, over the 500 ms around it,
      - the speech band (250 Hz - 4 kHz) carries most of the energy (voice formants; rumble,
        hiss and cymbals do not),
      - in one of two sub-bands (250 Hz-1 kHz, 1-4 kHz) the level of the 10 ms slices, above
        that sub-band's steady background, swings by more than 6 dB (syllables come 3-8 a
        second; held tones, pads and steady noise do not swing), and
      - it is not near silence (speech band above -60 dBFS).
    Decisions are then held for 300 ms and gaps under 300 ms are filled (words run together).
    Gain-independent above the silence floor, so a gained copy of a file finds the same speech.
    Offline only (allocates per frame).
*/
#include "Dsp/Biquad.h"

#include <cstdint>
#include <vector>

namespace loopstage::loudness
{
class DialogueGate
{
public:
    void prepare (double sampleRate);

    /** Feeds `n` samples of the dialogue channel (see dialogueDownmix). */
    void process (const float* x, int n);

    /** Decides every complete 100 ms frame; call once after the last process(). */
    void finish();

    /** One flag per 100 ms frame (valid after finish()). */
    const std::vector<bool>& speechFrames() const noexcept { return decisions; }
    /** Share of frames that are speech, 0-100. */
    double speechPercent() const noexcept;

private:
    struct Slice
    {
        double band = 0, full = 0;
        double sub[2] = {};   // 250 Hz - 1 kHz, 1 - 4 kHz
    };
    dsp::Biquad highPass60, bandHigh, bandLow, splitLow, splitHigh;
    double st[10] = {};
    int sliceLength = 480, inSlice = 0;
    Slice current;
    std::vector<Slice> slices;
    std::vector<bool> decisions;
};

/** The channel speech lives in, as one mono signal: centre of 5.1, (L+R)/2 of stereo, the mean
    of anything else. `out` must hold n samples. */
void dialogueDownmix (const float* const* channels, int numChannels, int n, float* out) noexcept;
} // namespace loopstage::loudness
