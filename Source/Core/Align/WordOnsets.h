#pragma once
/** Where words start in a clean recording (the booth take, usually): the editor's bulk sync is
    the median over words of (take onset - guide onset), so the aligner needs one onset per
    word, not one per phrase. The feature frames' speech segments bridge gaps under 40 ms and
    run a dozen words together; here the level is followed to 2 ms instead.

    Level: 2 ms RMS after a 100 Hz high-pass (rumble and handling noise out), in dB. The file's
    floor is its 10th percentile, its speech level the 99th. A word is a run of bins above
    max(floor + 12 dB, speech - 40 dB); runs closer than 10 ms are one word (a plosive's
    closure), runs shorter than 30 ms are dropped (a click). Each word's onset is where its
    level first reaches 35 dB under the word's own peak, walking back from the run's start
    (the way the labelled set and an editor's eye on the waveform place it).

    A recording whose speech level is less than 15 dB over its floor has no onsets: its words
    cannot be told from its noise. */
#include "Align/MonoSource.h"

#include <vector>

namespace loopstage::align
{
struct WordOnsets
{
    std::vector<double> seconds;   ///< in time order
    double rangeDb = 0.0;          ///< speech level over the floor: how clearly the words show
};

/** Reads the whole source once, 2 ms bins (2 KB a second). */
WordOnsets wordOnsets (const MonoSource& source);
} // namespace loopstage::align
