// loopstage session align | circle | rate: the supervisor's ADR decisions on a saved session,
// each one undoable step (Core/Adr), so a take can be circled after the session was reopened.
#include "SessionCli.h"
#include "Adr/BestTake.h"
#include "Adr/Circling.h"
#include "Adr/CueAlignment.h"
#include "Base/Error.h"

#include <algorithm>
#include <cmath>

namespace loopstage::cli::sessioncli
{
using namespace loopstage::session;

namespace
{
    Json takeJson (const Session& s, const Take& t)
    {
        Json row { { "take", t.id }, { "number", t.number }, { "offset_seconds", t.offset ? Json (*t.offset) : Json (nullptr) },
                   { "confidence", t.confidence ? Json (*t.confidence) : Json (nullptr) },
                   { "drift_p95_ms", 1000.0 * adr::driftSeconds (t) }, { "circled", t.circled } };
        row["sync_score"] = t.syncScore ? Json { { "median_ms", t.syncScore->medianMs }, { "p95_ms", t.syncScore->p95Ms } } : Json (nullptr);
        if (t.aligned)
            row["aligned"] = { { "file", t.aligned->file.string() }, { "position_samples", t.aligned->position },
                               { "timecode", timecode::format (s.timecodeAt ((double) t.aligned->position / s.sampleRate), s.frameRate) } };
        return row;
    }
} // namespace

int runAlignTakes (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    const auto file = sessionFileArg (args);
    auto doc = openWithHistory (file);
    const auto& s = doc.session();

    adr::TakeAlignOptions options;
    options.warp = ! args.flag ("no-warp");
    options.alignedFolder = args.value ("aligned-folder") ? std::filesystem::absolute (*args.value ("aligned-folder"))
                                                          : adr::defaultAlignedFolder (std::filesystem::absolute (file));
    std::vector<std::string> cueIds;
    if (auto cue = args.value ("cue"))
        cueIds.push_back (requireCue (doc, *cue).id);
    else
        for (auto& c : s.adrCues)
            cueIds.push_back (c.id);
    const auto takeIds = args.values ("take");
    if (! takeIds.empty() && cueIds.size() != 1)
        throw UsageError ("--take goes with one --cue");

    std::vector<Change> changes;
    for (auto& cueId : cueIds)
        changes.push_back (adr::alignCue (s, cueId, options, ! args.flag ("no-circle"), takeIds, out.progress()).change);
    commit (doc, group ("Align " + (cueIds.size() == 1 ? "cue " + cueIds[0] : std::to_string (cueIds.size()) + " cues"), changes));

    Json cues = Json::array();
    std::string human;
    for (auto& cueId : cueIds)
    {
        const auto& cue = *doc.session().findCue (cueId);
        Json takes = Json::array();
        std::string circled;
        human += "cue " + cueId + (cue.character.empty() ? "" : " " + cue.character) + "\n";
        for (auto& t : cue.takes)
        {
            takes.push_back (takeJson (doc.session(), t));
            if (t.circled)
                circled = t.id;
            human += "  take " + std::to_string (t.number) + (t.circled ? " (circled)" : "") + ": "
                     + (t.offset ? "offset " + fixed (*t.offset, 4) + " s, confidence " + fixed (t.confidence.value_or (0.0), 2)
                                       + (t.syncScore ? ", sync p95 " + fixed (t.syncScore->p95Ms, 1) + " ms" : "")
                                 : std::string ("not aligned"))
                     + "\n";
        }
        cues.push_back ({ { "cue", cueId }, { "takes", takes }, { "circled", circled.empty() ? Json (nullptr) : Json (circled) } });
    }
    auto result = editResult (doc, cueIds.size() == 1 ? cueIds[0] : "");
    result["cues"] = cues;
    out.result (result, human + "aligned copies in " + options.alignedFolder.string());
    return exitOk;
}

int runCircle (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openWithHistory (sessionFileArg (args));
    const auto cueId = requireCue (doc, requireValue (args, "cue")).id;
    const auto takes = args.values ("take");
    if (args.flag ("best") == ! takes.empty() || takes.size() > 1)
        throw UsageError ("give one --take ID or --best");
    commit (doc, args.flag ("best") ? adr::circleBestTake (cueId) : adr::circleTake (cueId, requireTake (doc, cueId, takes[0]).id));

    const auto& cue = *doc.session().findCue (cueId);
    const auto circled = std::find_if (cue.takes.begin(), cue.takes.end(), [] (auto& t) { return t.circled; });
    auto result = editResult (doc, circled->id);
    result.update ({ { "cue", cueId }, { "take", takeJson (doc.session(), *circled) }, { "region", circled->region } });
    out.result (result, "circled take " + std::to_string (circled->number) + " of cue " + cueId + ", playing as " + circled->region);
    return exitOk;
}

int runRate (const Args& args, Output& out)
{
    args.expectPositionals (2, 2);
    auto doc = openWithHistory (sessionFileArg (args));
    const auto takes = args.values ("take");
    if (takes.size() != 1)
        throw UsageError ("give one --take ID");
    const double rating = requireNumber (args, "rating");
    if (rating != std::floor (rating))
        throw InputError ("--rating is a whole number from 0 to 5");
    commit (doc, adr::rateTake (takes[0], (int) rating));
    auto result = editResult (doc, takes[0]);
    result["rating"] = (int) rating;
    out.result (result, "rated take " + takes[0] + ": " + std::to_string ((int) rating));
    return exitOk;
}
} // namespace loopstage::cli::sessioncli
