#pragma once
/** A track's regions, read from their files and mixed onto the timeline with fades and gain.

    Runs on the disk thread (or the offline render thread), never on the audio thread: it does
    file I/O. Overlapping regions are summed, so overlapping fades make a crossfade. Fade-in gain
    rises from exactly 0 at the region's first sample; fade-out gain reaches 0 one sample after
    the region's last.

    Channels: the region's channel map (PlanRegion::channelMap) or, without one, the automatic
    rules of Dsp/ChannelMap.h (stereo on a mono track summed at -3 dB, 5.1 on stereo downmixed
    per ITU-R BS.775, mono spread to every channel, ...).

    Sample rate: a file at another rate than the plan's is converted as it is read, by libsoxr
    (AudioFile/SoxrStream.h, SOXR_HQ: flat to 20 kHz, images and aliases under -125 dB).
    Placement is exact: region sample k plays the file at time (sourceStart + k) / planRate
    seconds, which lies on soxr's phase grid at any pair of integer rates, and soxr's filter
    delay is removed, so an impulse at the region's first source sample lands on the region's
    first timeline sample. Reading on from where the last read ended continues the conversion;
    any other position (a locate, a region entered again) starts a new one there, fed with
    the file from well before that point, so a seek sounds the same as playing through.
*/
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/MappedPcmFile.h"
#include "AudioFile/SoxrStream.h"
#include "Engine/MixPlan.h"

#include <memory>
#include <vector>

namespace loopstage::engine
{
class Playlist
{
public:
    /** Opens every region's file; throws InputError naming the file for a missing or unreadable
        file, a rate that is not a whole number of Hz, a channel map that does not fit, a region
        outside its file (saying so when the file is shorter than its header claims). */
    Playlist (const std::vector<PlanRegion>& regions, int channels, double sampleRate);
    ~Playlist();

    int channels() const noexcept { return numChannels; }

    /** Mixes the timeline [start, start + count) into dest[c][0..count) (overwrites). One thread
        at a time. */
    void read (std::int64_t start, int count, float* const* dest);

private:
    /** One file channel's share of a track channel. */
    struct Term
    {
        int fileChannel = 0;
        double coefficient = 1.0;
    };
    struct Region
    {
        PlanRegion plan;
        std::unique_ptr<audio::AudioFileReader> reader;
        std::unique_ptr<audio::MappedPcmFile> mapped;   ///< WAV/RF64 PCM: decoded in place, no copies
        std::int64_t nextSourceFrame = -1;   ///< where the reader stands, to skip needless seeks
        double gain = 1.0;
        int fileChannels = 1;
        std::vector<std::vector<Term>> terms;   ///< per track channel
        std::vector<bool> plays;                ///< per file channel: feeds some track channel
        // A file at another rate: its conversion, and the region sample it gives next.
        int fileRate = 0, planRate = 0;
        std::unique_ptr<audio::SoxrStream> converter;
        std::int64_t converterNext = -1;
    };
    int numChannels;
    std::vector<Region> regions;
    std::vector<float> scratch;
    std::vector<float*> scratchChannels;

    /** The file's samples for region samples [offset, offset + n) into scratchChannels. */
    void source (Region& region, std::int64_t offset, int n);
    /** Opens the conversion of `region` at region sample `offset`. */
    static void startConversion (Region& region, std::int64_t offset);
};
} // namespace loopstage::engine
