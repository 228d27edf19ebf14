#include "Engine/Playlist.h"
#include "Base/Error.h"
#include "Dsp/ChannelMap.h"
#include "Dsp/Decibels.h"

#include <algorithm>
#include <cmath>

namespace loopstage::engine
{
namespace
{
    std::string samples (std::int64_t n) { return std::to_string (n) + " samples"; }

    /** The error for a region that needs more of the file than there is: a file cut short after
        its header was written says so, since no edit of the region would be the fix. */
    [[noreturn]] void outsideFile (const PlanRegion& r, const audio::AudioFileInfo& info, std::int64_t firstNeeded,
                                   std::int64_t endNeeded)
    {
        if (info.truncated() && firstNeeded >= 0)
            throwFileError (r.file, "the file is shorter than its header claims: " + std::to_string (info.frames) + " of the "
                                        + samples (info.headerFrames) + " it declares are there (cut short while it was "
                                        "written or copied?); the region needs " + samples (endNeeded));
        throwFileError (r.file, "region [" + std::to_string (firstNeeded) + ", " + std::to_string (endNeeded)
                                    + ") runs outside the file's " + samples (info.frames));
    }
} // namespace

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
        region.fileChannels = info.channels;
        if (info.sampleRate != sampleRate)
        {
            if (info.sampleRate != std::round (info.sampleRate) || sampleRate != std::round (sampleRate))
                throwFileError (r.file, "cannot convert " + std::to_string (info.sampleRate) + " Hz to the session's "
                                            + std::to_string (sampleRate) + " Hz: rates must be whole numbers of Hz");
            region.fileRate = (int) info.sampleRate;
            region.planRate = (int) sampleRate;
            // Region sample k plays file time (sourceStart + k) * fileRate / planRate: the last
            // must fall inside the file's last sample period.
            const auto lastNeeded = (r.sourceStart + r.length - 1) * region.fileRate;
            if (r.sourceStart < 0 || lastNeeded >= info.frames * region.planRate)
                outsideFile (r, info, r.sourceStart * region.fileRate / region.planRate,
                             lastNeeded / region.planRate + 1);
        }
        else if (r.sourceStart < 0 || r.sourceStart + r.length > info.frames)
            outsideFile (r, info, r.sourceStart, r.sourceStart + r.length);
        if (r.fadeIn < 0 || r.fadeOut < 0 || r.fadeIn > r.length || r.fadeOut > r.length)
            throwFileError (r.file, "region fades must be 0.." + std::to_string (r.length) + " samples");

        dsp::ChannelMatrix matrix;
        try
        {
            matrix = r.channelMap.empty() ? dsp::automaticChannelMap (info.channels, channels)
                                          : dsp::pickedChannelMap (info.channels, channels, r.channelMap);
        }
        catch (const InputError& e)
        {
            throwFileError (r.file, e.what());
        }
        region.terms.resize ((size_t) channels);
        region.plays.assign ((size_t) info.channels, false);
        for (int t = 0; t < channels; ++t)
            for (int f = 0; f < info.channels; ++f)
                if (const double g = matrix.gain (t, f); g != 0.0)
                {
                    region.terms[(size_t) t].push_back ({ f, g });
                    region.plays[(size_t) f] = true;
                }

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

void Playlist::startConversion (Region& region, std::int64_t offset)
{
    const auto& r = region.plan;
    auto* mapped = region.mapped.get();
    auto* reader = region.reader.get();
    const auto file = r.file;
    auto input = [mapped, reader, file] (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& planes)
    {
        std::vector<float*> pointers;
        for (auto& p : planes)
        {
            p.resize ((size_t) count);
            pointers.push_back (p.data());
        }
        if (mapped != nullptr)
        {
            for (size_t c = 0; c < planes.size(); ++c)
                if (! mapped->decode ((int) c, first, count, pointers[c]))
                    throwFileError (file, "the file was cut short while it was being read (changed on disk?)");
            return;
        }
        reader->seek (first);
        const auto got = reader->read (pointers.data(), count);
        for (auto& p : planes)
            std::fill (p.begin() + (std::ptrdiff_t) got, p.end(), 0.0f);
    };
    // Exact: (sourceStart + offset) * fileRate / planRate is a multiple of 1/up input samples.
    const auto start = (double) ((r.sourceStart + offset) * region.fileRate) / (double) region.planRate;
    region.converter = std::make_unique<audio::SoxrStream> (region.fileRate, region.planRate, start, region.fileChannels,
                                                            region.reader->info().frames, r.length - offset, input,
                                                            audio::SoxrStream::Quality::veryHigh);
    region.nextSourceFrame = -1;   // the reader has moved
    region.converterNext = offset;
}

void Playlist::source (Region& region, std::int64_t offset, int n)
{
    const auto& r = region.plan;
    const int fileChannels = region.fileChannels;
    if (region.fileRate != 0)
    {
        if (region.converter == nullptr || region.converterNext != offset)
            startConversion (region, offset);
        region.converter->read (n, scratchChannels.data());
        region.converterNext = offset + n;
        return;
    }
    const auto sourceFrame = r.sourceStart + offset;
    std::int64_t got = n;
    if (region.mapped != nullptr)
    {
        // The region lies inside the file (checked on opening): decode only channels that play.
        for (int c = 0; c < fileChannels; ++c)
            if (region.plays[(size_t) c] && ! region.mapped->decode (c, sourceFrame, n, scratchChannels[(size_t) c]))
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
        const int fileChannels = region.fileChannels;
        if ((int) scratch.size() < n * fileChannels)
            scratch.resize ((size_t) (n * fileChannels));
        scratchChannels.resize ((size_t) fileChannels);
        for (int c = 0; c < fileChannels; ++c)
            scratchChannels[(size_t) c] = scratch.data() + (size_t) c * (size_t) n;

        const auto piecePos = from - r.position;
        source (region, piecePos, n);

        const int outOffset = (int) (from - start);
        // Samples [fadeInEnd, fadeOutStart) of this piece play at the region gain alone: a
        // tight loop. Fade samples take the general path; both give the same float per sample.
        const int fadeInEnd = (int) std::clamp<std::int64_t> (r.fadeIn - piecePos, 0, n);
        const int fadeOutStart = (int) std::clamp<std::int64_t> (r.length - r.fadeOut - piecePos, fadeInEnd, n);
        auto mixRange = [&] (int from_, int to_, bool faded)
        {
            for (int c = 0; c < numChannels; ++c)
            {
                float* out = dest[c] + outOffset;
                const auto& terms = region.terms[(size_t) c];
                if (terms.empty())
                {
                    if (assign)
                        std::fill (out + from_, out + to_, 0.0f);
                    continue;
                }
                // The first term of a region covering the whole block sets, the rest add.
                bool set = assign;
                for (const auto& term : terms)
                {
                    const float* in = scratchChannels[(size_t) term.fileChannel];
                    if (! faded)
                    {
                        const float gain = (float) (region.gain * term.coefficient);
                        if (set)
                            for (int i = from_; i < to_; ++i)
                                out[i] = 0.0f + in[i] * gain;
                        else
                            for (int i = from_; i < to_; ++i)
                                out[i] += in[i] * gain;
                    }
                    else
                        for (int i = from_; i < to_; ++i)
                        {
                            double g = region.gain * term.coefficient;
                            const auto pos = piecePos + i;
                            if (pos < r.fadeIn)
                                g *= fadeCurve ((double) pos / (double) r.fadeIn, r.fadeInShape);
                            if (r.length - pos <= r.fadeOut)
                                g *= fadeCurve ((double) (r.length - pos) / (double) r.fadeOut, r.fadeOutShape);
                            out[i] = (set ? 0.0f : out[i]) + in[i] * (float) g;
                        }
                    set = false;
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
