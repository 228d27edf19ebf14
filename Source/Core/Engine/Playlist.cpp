#include "Engine/Playlist.h"
#include "Base/Error.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::engine
{
Playlist::Playlist (const std::vector<PlanRegion>& planRegions, int channels, double sampleRate)
    : numChannels (channels)
{
    for (const auto& r : planRegions)
    {
        if (r.length <= 0)
            continue;
        Region region;
        region.plan = r;
        region.reader = std::make_unique<audio::AudioFileReader> (r.file);
        const auto& info = region.reader->info();
        if (info.sampleRate != sampleRate)
            throwFileError (r.file, "sample rate " + std::to_string ((int) info.sampleRate) + " Hz differs from the session's "
                                        + std::to_string ((int) sampleRate) + " Hz");
        if (r.sourceStart < 0 || r.sourceStart + r.length > info.frames)
            throwFileError (r.file, "region [" + std::to_string (r.sourceStart) + ", " + std::to_string (r.sourceStart + r.length)
                                        + ") runs outside the file's " + std::to_string (info.frames) + " samples");
        if (r.fadeIn < 0 || r.fadeOut < 0 || r.fadeIn > r.length || r.fadeOut > r.length)
            throwFileError (r.file, "region fades must be 0.." + std::to_string (r.length) + " samples");
        region.gain = dsp::dbToGain (r.gainDb);
        region.mapped = audio::MappedPcmFile::open (r.file, info.frames);
        regions.push_back (std::move (region));
    }
}

Playlist::~Playlist() = default;

static double fadeCurve (double x, FadeShape shape) noexcept
{
    return shape == FadeShape::equalPower ? std::sin (x * 1.57079632679489661923) : x;
}

void Playlist::read (std::int64_t start, int count, float* const* dest)
{
    // dest starts as silence. A first region covering all of it writes 0 + x·g directly (the
    // same float as adding onto zeros) and spares a pass over the buffer.
    bool cleared = false;
    auto clear = [&]
    {
        for (int c = 0; c < numChannels; ++c)
            std::fill (dest[c], dest[c] + count, 0.0f);
        cleared = true;
    };

    const auto end = start + count;
    for (auto& region : regions)
    {
        const auto& r = region.plan;
        const auto from = std::max (start, r.position);
        const auto to = std::min (end, r.position + r.length);
        if (from >= to)
            continue;
        const bool assign = ! cleared && from == start && to == end;
        if (! cleared && ! assign)
            clear();
        const int n = (int) (to - from);
        const int fileChannels = region.reader->info().channels;
        if ((int) scratch.size() < n * fileChannels)
            scratch.resize ((size_t) (n * fileChannels));
        scratchChannels.resize ((size_t) fileChannels);
        for (int c = 0; c < fileChannels; ++c)
            scratchChannels[(size_t) c] = scratch.data() + (size_t) c * (size_t) n;

        const auto sourceFrame = r.sourceStart + (from - r.position);
        std::int64_t got = n;
        if (region.mapped != nullptr)
        {
            // The region lies inside the file (checked on opening): decode only channels that play.
            for (int c = 0; c < fileChannels && c < std::max (numChannels, 1); ++c)
                if (! region.mapped->decode (c, sourceFrame, n, scratchChannels[(size_t) c]))
                    throwFileError (r.file, "the file was cut short while it was being read (changed on disk?)");
        }
        else
        {
            if (region.nextSourceFrame != sourceFrame)
                region.reader->seek (sourceFrame);
            got = region.reader->read (scratchChannels.data(), n);
            region.nextSourceFrame = sourceFrame + got;
        }
        for (int c = 0; c < fileChannels; ++c)
            std::fill (scratchChannels[(size_t) c] + got, scratchChannels[(size_t) c] + n, 0.0f);

        const int outOffset = (int) (from - start);
        // Samples [fadeInEnd, fadeOutStart) of this piece play at the region gain alone: a
        // tight loop. Fade samples take the general path; both give the same float per sample.
        const auto piecePos = from - r.position;
        const int fadeInEnd = (int) std::clamp<std::int64_t> (r.fadeIn - piecePos, 0, n);
        const int fadeOutStart = (int) std::clamp<std::int64_t> (r.length - r.fadeOut - piecePos, fadeInEnd, n);
        auto mixRange = [&] (int from_, int to_, bool faded)
        {
            for (int c = 0; c < numChannels; ++c)
            {
                const int source = fileChannels == 1 ? 0 : c;
                float* out = dest[c] + outOffset;
                if (source >= fileChannels)
                {
                    if (assign)
                        std::fill (out + from_, out + to_, 0.0f);
                    continue;
                }
                const float* in = scratchChannels[(size_t) source];
                if (! faded)
                {
                    const float gain = (float) region.gain;
                    if (assign)
                        for (int i = from_; i < to_; ++i)
                            out[i] = 0.0f + in[i] * gain;
                    else
                        for (int i = from_; i < to_; ++i)
                            out[i] += in[i] * gain;
                    continue;
                }
                for (int i = from_; i < to_; ++i)
                {
                    double g = region.gain;
                    const auto pos = piecePos + i;
                    if (pos < r.fadeIn)
                        g *= fadeCurve ((double) pos / (double) r.fadeIn, r.fadeInShape);
                    if (r.length - pos <= r.fadeOut)
                        g *= fadeCurve ((double) (r.length - pos) / (double) r.fadeOut, r.fadeOutShape);
                    out[i] = (assign ? 0.0f : out[i]) + in[i] * (float) g;
                }
            }
        };
        mixRange (0, fadeInEnd, true);
        mixRange (fadeInEnd, fadeOutStart, false);
        mixRange (fadeOutStart, n, true);
        cleared = true;
    }
    if (! cleared)
        clear();
}
} // namespace loopstage::engine
