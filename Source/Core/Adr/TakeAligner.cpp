#include "Adr/TakeAligner.h"
#include "Align/MonoSource.h"
#include "Align/TimeWarp.h"
#include "Align/WarpRenderer.h"
#include "AudioFile/AudioFileReader.h"
#include "AudioFile/BextChunk.h"
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
    /** Scene and take as a recorder writes them, the take's place on the timecode timeline. */
    align::AlignedFileTags tagsFor (const session::Session& s, const session::AdrCue& cue, const session::Take& take,
                                    std::int64_t position)
    {
        const auto timeReference = audio::timeReferenceFromTimecode (s.startTimecode, s.frameRate, s.sampleRate) + (std::uint64_t) position;
        audio::BextChunk bext;
        bext.description = "sSCENE=" + cue.id + "\r\nsTAKE=" + std::to_string (take.number) + "\r\n";
        bext.originator = "LoopStage";
        bext.originatorReference = take.id;
        bext.timeReference = timeReference;
        // The performance's own date, not today's: the copy is the same take, and a rerun of the
        // same alignment gives the same file.
        try
        {
            const audio::AudioFileReader original (take.file);
            if (original.bext())
            {
                bext.originationDate = original.bext()->originationDate;
                bext.originationTime = original.bext()->originationTime;
            }
        }
        catch (const InputError&)
        {
            // Unreadable here means alignment fails anyway, with the reader's own message.
        }
        bext.codingHistory = "A=PCM,F=" + std::to_string ((int) s.sampleRate) + ",T=LoopStage ADR alignment\r\n";

        audio::IxmlChunk ixml;
        ixml.project = s.name;
        ixml.scene = cue.id;
        ixml.take = std::to_string (take.number);
        ixml.note = cue.character.empty() ? cue.line : cue.character + ": " + cue.line;
        if (! take.notes.empty())
            ixml.note += (ixml.note.empty() ? "" : " / ") + take.notes;
        audio::IxmlSpeed speed;
        speed.setFrameRate (s.frameRate);
        speed.fileSampleRate = (int) s.sampleRate;
        speed.timestampSamplesSinceMidnight = timeReference;
        speed.timestampSampleRate = (int) s.sampleRate;
        ixml.speed = speed;
        return { bext, ixml };
    }
} // namespace

TakeAlignment alignTake (const session::Session& s, const std::string& cueId, const std::string& takeId,
                         const TakeAlignOptions& options, Progress& progress)
{
    const auto* cue = s.findCue (cueId);
    if (cue == nullptr)
        throw InputError ("no ADR cue '" + cueId + "' in the session");
    auto found = std::find_if (cue->takes.begin(), cue->takes.end(), [&] (auto& t) { return t.id == takeId; });
    if (found == cue->takes.end())
        throw InputError ("cue " + cueId + " has no take '" + takeId + "'");

    // The excerpt in whole session samples: the aligned copy starts on a sample, and its
    // TimeReference and the region that plays it name that same sample.
    const auto rate = s.sampleRate;
    const auto samplesAt = [rate] (double seconds) { return (std::int64_t) std::llround (seconds * rate); };
    const auto start = std::max<std::int64_t> (0, samplesAt (s.secondsAt (cue->in)) - samplesAt (options.handleSeconds));
    const auto length = samplesAt (s.secondsAt (cue->out)) + samplesAt (options.handleSeconds) - start;
    const double excerptStart = (double) start / rate;
    const auto guide = guideExcerpt (s, excerptStart, (double) length / rate);

    align::AlignOptions alignOptions;
    alignOptions.warp = options.warp;
    alignOptions.maxOffsetSeconds = options.maxOffsetSeconds + options.handleSeconds;

    TakeAlignment alignment;
    alignment.cueId = cueId;
    alignment.take = *found;
    alignment.result = align::alignSources (align::SignalSource (guide), align::FileSource (found->file), alignOptions, progress);

    // Kept on the timeline: take(t + offset) ≈ guide(t) for timeline seconds t.
    const auto& r = alignment.result;
    auto& take = alignment.take;
    take.offset = r.offsetSeconds - excerptStart;
    take.warp.clear();
    for (auto& p : r.warp)
        take.warp.push_back ({ p.guideSeconds + excerptStart, p.takeSeconds });
    take.syncScore.reset();
    if (r.syncScore)
        take.syncScore = session::SyncScore { r.syncScore->medianMs, r.syncScore->p95Ms };
    take.confidence = r.confidence;
    take.aligned.reset();

    if (! options.alignedFolder.empty())
    {
        std::filesystem::create_directories (options.alignedFolder);
        const auto file = options.alignedFolder / ("cue" + cueId + "-" + take.file.stem().string() + "-aligned.wav");
        align::renderAligned (take.file, r, (std::int64_t) guide.samples.size(), guide.sampleRate, file, progress,
                              tagsFor (s, *cue, take, start));
        take.aligned = session::AlignedCopy { file, start, (std::int64_t) guide.samples.size() };
        // The score of what was written, measured afresh: the fit's own residual reads near 0
        // by construction and says nothing about the render.
        take.syncScore.reset();
        if (const auto measured = align::scoreAligned (align::SignalSource (guide), align::FileSource (file), alignOptions.maxDriftSeconds))
            take.syncScore = session::SyncScore { measured->medianMs, measured->p95Ms };
    }
    return alignment;
}

session::Change storeAlignment (const TakeAlignment& alignment)
{
    auto change = session::updateTake (alignment.take);
    change.label = "Align take " + std::to_string (alignment.take.number) + " of cue " + alignment.cueId;
    return change;
}

std::filesystem::path defaultAlignedFolder (const std::filesystem::path& sessionFile)
{
    return sessionFile.parent_path() / "adr-aligned";
}
} // namespace loopstage::adr
