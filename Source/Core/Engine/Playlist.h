#pragma once
/** A track's regions, read from their files and mixed onto the timeline with fades and gain.

    Runs on the disk thread (or the offline render thread), never on the audio thread: it does
    file I/O. Overlapping regions are summed, so overlapping fades make a crossfade. A region's
    file must have the plan's sample rate; a mono file on a multichannel track feeds every
    channel, otherwise file channel c feeds track channel c (extra file channels are dropped,
    missing ones are silent). Fade-in gain rises from exactly 0 at the region's first sample;
    fade-out gain reaches 0 one sample after the region's last.
*/
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/MappedPcmFile.h"
#include "Engine/MixPlan.h"

#include <memory>
#include <vector>

namespace loopstage::engine
{
class Playlist
{
public:
    /** Opens every region's file; throws InputError naming the file for a missing or unreadable
        file, a sample rate other than `sampleRate`, or a region outside its file. */
    Playlist (const std::vector<PlanRegion>& regions, int channels, double sampleRate);
    ~Playlist();

    int channels() const noexcept { return numChannels; }

    /** Mixes the timeline [start, start + count) into dest[c][0..count) (overwrites). One thread
        at a time. */
    void read (std::int64_t start, int count, float* const* dest);

private:
    struct Region
    {
        PlanRegion plan;
        std::unique_ptr<audio::AudioFileReader> reader;
        std::unique_ptr<audio::MappedPcmFile> mapped;   ///< WAV/RF64 PCM: decoded in place, no copies
        std::int64_t nextSourceFrame = -1;   ///< where the reader stands, to skip needless seeks
        double gain = 1.0;
    };
    int numChannels;
    std::vector<Region> regions;
    std::vector<float> scratch;
    std::vector<float*> scratchChannels;
};
} // namespace loopstage::engine
