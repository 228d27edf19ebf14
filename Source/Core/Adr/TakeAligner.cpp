#include "Adr/TakeAligner.h"
#include "Align/MonoSource.h"
#include "Align/WarpRenderer.h"
#include "AudioFile/AudioFileReader.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace loopstage::adr
{
namespace
{
    const session::Track* guideTrack (const session::Session& s)
    {
        for (auto& t : s.tracks)
            if (t.kind == session::TrackKind::guide)
                return &t;
        return nullptr;
    }

    /** The guide audio over [start, start + length) timeline seconds, as mono at the session's
        rate (silence where no guide region plays). */
    align::MonoSignal guideExcerpt (const session::Session& s, double start, double length)
    {
        const auto* guide = guideTrack (s);
        if (guide == nullptr)
            throw InputError ("the session has no guide track to align ADR takes against");

        const auto rate = s.sampleRate;
        align::MonoSignal excerpt;
        excerpt.sampleRate = (int) rate;
        excerpt.samples.assign ((size_t) std::llround (length * rate), 0.0f);
        bool heard = false;

        for (auto& region : s.regions)
        {
            if (region.track != guide->id)
                continue;
            const double from = std::max (start, region.position), to = std::min (start + length, region.end());
            if (to <= from)
                continue;
            audio::AudioFileReader reader (region.file);
            if (reader.info().sampleRate != rate)
                throwFileError (region.file, "guide audio is at " + std::to_string ((int) reader.info().sampleRate)
                                                 + " Hz, the session at " + std::to_string ((int) rate) + " Hz");
            const auto first = (std::int64_t) std::llround ((region.sourceOffset + from - region.position) * rate);
            const auto count = (std::int64_t) std::llround ((to - from) * rate);
            const auto audio = reader.readRange (first, count);
            const auto at = (size_t) std::llround ((from - start) * rate);
            for (std::int64_t i = 0; i < audio.numFrames() && at + (size_t) i < excerpt.samples.size(); ++i)
            {
                float sum = 0.0f;
                for (auto& ch : audio.channels)
                    sum += ch[(size_t) i];
                excerpt.samples[at + (size_t) i] += sum / (float) audio.numChannels();
            }
            heard = true;
        }
        if (! heard)
            throw InputError ("no guide audio under " + timecode::format (s.timecodeAt (start), s.frameRate));
        return excerpt;
    }
} // namespace

TakeAlignment alignTake (session::Session& s, const std::string& cueId, const std::string& takeId,
                         const TakeAlignOptions& options, Progress& progress)
{
    auto* cue = s.findCue (cueId);
    if (cue == nullptr)
        throw InputError ("no ADR cue '" + cueId + "' in the session");
    auto take = std::find_if (cue->takes.begin(), cue->takes.end(), [&] (auto& t) { return t.id == takeId; });
    if (take == cue->takes.end())
        throw InputError ("cue " + cueId + " has no take '" + takeId + "'");

    TakeAlignment alignment;
    alignment.excerptStart = std::max (0.0, s.secondsAt (cue->in) - options.handleSeconds);
    alignment.excerptLength = s.secondsAt (cue->out) + options.handleSeconds - alignment.excerptStart;
    const auto guide = guideExcerpt (s, alignment.excerptStart, alignment.excerptLength);

    align::AlignOptions alignOptions;
    alignOptions.warp = options.warp;
    alignOptions.maxOffsetSeconds = options.maxOffsetSeconds + options.handleSeconds;
    alignment.result = align::alignSources (align::SignalSource (guide), align::FileSource (take->file), alignOptions, progress);

    // Store on the timeline: take(t + offset) ≈ guide(t) for timeline seconds t.
    const auto& r = alignment.result;
    take->offset = r.offsetSeconds - alignment.excerptStart;
    take->warp.clear();
    for (auto& p : r.warp)
        take->warp.push_back ({ p.guideSeconds + alignment.excerptStart, p.takeSeconds });
    if (r.syncScore)
        take->syncScore = session::SyncScore { r.syncScore->medianMs, r.syncScore->p95Ms };

    if (! options.alignedFolder.empty())
    {
        std::filesystem::create_directories (options.alignedFolder);
        alignment.alignedFile = options.alignedFolder / ("cue" + cueId + "-" + take->file.stem().string() + "-aligned.wav");
        align::renderAligned (take->file, r, (std::int64_t) guide.samples.size(), guide.sampleRate, alignment.alignedFile);
    }
    return alignment;
}

double driftSeconds (const session::Take& take)
{
    if (! take.offset || take.warp.empty())
        return 0.0;
    std::vector<double> lead;
    for (const auto& p : take.warp)
        lead.push_back (p.take - (p.guide + *take.offset));
    auto middle = lead;
    std::nth_element (middle.begin(), middle.begin() + (long) middle.size() / 2, middle.end());
    const double centre = middle[middle.size() / 2];
    for (auto& v : lead)
        v = std::abs (v - centre);
    std::sort (lead.begin(), lead.end());
    return lead[std::min (lead.size() - 1, (size_t) std::ceil (0.95 * (double) lead.size()) - 1)];
}

const session::Take* bestSyncedTake (const session::AdrCue& cue)
{
    // Residuals closer than one feature frame (5 ms) are a tie: the take the warp had to move
    // least, the one the actor played closest to the guide, wins it.
    auto key = [] (const session::Take& t)
    {
        return std::tuple (! t.syncScore.has_value(), t.syncScore ? std::floor (t.syncScore->p95Ms / 5.0) : 0.0,
                           t.syncScore ? std::floor (t.syncScore->medianMs / 5.0) : 0.0, driftSeconds (t));
    };
    const session::Take* best = nullptr;
    for (auto& t : cue.takes)
        if (t.offset && (best == nullptr || key (t) < key (*best)))
            best = &t;
    return best;
}

void circleTake (session::Session& s, const std::string& cueId, const std::string& takeId, const TakeAlignment& alignment)
{
    auto* cue = s.findCue (cueId);
    if (cue == nullptr)
        throw InputError ("no ADR cue '" + cueId + "' in the session");
    if (cue->track.empty() || s.findTrack (cue->track) == nullptr)
        throw InputError ("cue " + cueId + " has no ADR track to play its circled take on");
    if (alignment.alignedFile.empty())
        throw InputError ("take " + takeId + " of cue " + cueId + " has no aligned copy to play");

    for (auto& t : cue->takes)
    {
        if (! t.region.empty())
            std::erase_if (s.regions, [&] (auto& r) { return r.id == t.region; });
        t.region.clear();
        t.circled = t.id == takeId;
    }

    session::Region region;
    region.id = s.nextId ("region");
    region.track = cue->track;
    region.file = alignment.alignedFile;
    region.position = alignment.excerptStart;
    region.length = alignment.excerptLength;
    region.fadeIn = region.fadeOut = 0.02;   // no click where the handles start and end
    const auto info = audio::probeAudio (alignment.alignedFile);
    region.sourceSampleRate = info.sampleRate;
    region.sourceChannels = info.channels;
    s.regions.push_back (region);
    for (auto& t : cue->takes)
        if (t.id == takeId)
            t.region = region.id;
}
} // namespace loopstage::adr
