#pragma once
/** Where words start in a clean recording (the booth take, usually): the editor's bulk sync is
    the median over words of (take onset - guide onset), so the aligner needs one onset per
    word, not one per phrase (the feature frames' speech segments bridge gaps under 40 ms and
    run a dozen words together).

    Level: 2 ms bins after a 100 Hz high-pass (rumble and handling noise out), power smoothed
    over 10 ms (a fricative's flicker is not a new word), in dB. The file's floor is its 10th
    percentile, its speech level the 99th. A word starts where the level climbs 12 dB out of the
    last valley and reaches max(floor + 12 dB, speech - 30 dB), provided the valley is a pause
    (within 15 dB of the floor) or the climb is 25 dB or more: a plosive's closure inside a word
    dips less. It ends once it has fallen 12 dB under its own peak, so the next word can start
    out of that valley, silence or not; a "word" that lasts under 50 ms is a plosive's release
    (the k of "oak") and is dropped, and so is a rise within 450 ms of the last word's that
    peaks 6 dB or more under it (the coda after a closure: the p of "keep", the tch of "watch"). The onset is where the word rises out of 35 dB under its
    peak (the way the labelled ADR set and an editor's eye on the waveform place it), walking
    back from the climb, never into the valley's floor.

    A recording whose speech level is less than 15 dB over its floor has no onsets: its words
    cannot be told from its noise. Syllables after a deep closure ("un-der") still read as words;
    docs/ALIGNMENT.md counts what that costs. */
#include "Align/MonoSource.h"
#include "Dsp/Biquad.h"

#include <cstdint>
#include <vector>

namespace loopstage::align
{
struct WordOnsets
{
    std::vector<double> seconds;   ///< in time order
    double rangeDb = 0.0;          ///< speech level over the floor: how clearly the words show
};

/** The level curve word onsets are found on, fed samples front to back (the feature pass
    feeds it as it reads each file, so the file is not read twice). */
class WordLevel
{
public:
    explicit WordLevel (int sampleRate);

    /** The next `count` samples of the file, in order. */
    void add (const float* samples, std::int64_t count);

    /** Onsets over everything added so far. */
    WordOnsets onsets() const;

private:
    std::int64_t perBin = 96;
    double secondsPerBin = 0.002;
    dsp::Biquad highPass;   // 100 Hz: rumble and handling noise out
    double z1 = 0.0, z2 = 0.0;
    double sum = 0.0;
    std::int64_t inBin = 0;
    std::vector<float> power;   // per 2 ms bin
};

/** Reads the whole source once, 2 ms bins (2 KB a second). */
WordOnsets wordOnsets (const MonoSource& source);
} // namespace loopstage::align
