#include "Rights/RightsCheck.h"
#include "Base/Error.h"

#include <algorithm>
#include <ctime>

namespace loopstage::rights
{
namespace
{
    bool covers (const std::vector<std::string>& granted, const std::string& wanted, const char* everything)
    {
        const auto has = [&] (const std::string& v) {
            return std::any_of (granted.begin(), granted.end(), [&] (auto& g) {
                return g.size() == v.size()
                       && std::equal (g.begin(), g.end(), v.begin(), [] (char a, char b) { return std::tolower (a) == std::tolower (b); });
            });
        };
        return has (everything) || (wanted != everything && has (wanted));
    }

    std::string joined (const std::vector<std::string>& items)
    {
        std::string text;
        for (auto& i : items)
            text += (text.empty() ? "" : ", ") + i;
        return text.empty() ? "none" : text;
    }

    /** Why `cue` may not be delivered, or empty when it may. */
    std::string licenceProblem (const session::MusicCue& cue, const session::DeliverySpec& delivery, const std::string& date)
    {
        if (cue.licence == session::LicenceType::own)
            return {};
        if (cue.licenceId.empty())
            return "no licence on record (" + session::toString (cue.licence) + " music needs a licence reference)";
        if (! cue.termStart.empty() && date < cue.termStart)
            return "licence " + cue.licenceId + " starts on " + cue.termStart;
        if (! cue.termEnd.empty() && date > cue.termEnd)
            return "licence " + cue.licenceId + " expired on " + cue.termEnd;

        const auto territory = delivery.territory.empty() ? std::string ("world") : delivery.territory;
        if (! covers (cue.territories, territory, "world"))
            return "licence " + cue.licenceId + " does not cover territory " + territory + " (licensed: " + joined (cue.territories) + ")";

        const auto media = delivery.media.empty() ? std::vector<std::string> { "all" } : delivery.media;
        for (auto& medium : media)
            if (! covers (cue.media, medium, "all"))
                return "licence " + cue.licenceId + " does not cover media " + medium + " (licensed: " + joined (cue.media) + ")";
        return {};
    }
} // namespace

std::string RightsProblem::message() const
{
    const auto name = cue.empty() ? "music region \"" + title + "\"" : "music cue " + cue + " \"" + title + "\"";
    return name + " at " + timecodeIn + " - " + timecodeOut + ": " + reason;
}

RightsReport checkMusicRights (const session::Session& session, const std::string& date)
{
    RightsReport report;
    report.uses = musicInDelivery (session);
    const auto delivery = session.delivery.value_or (session::DeliverySpec {});
    const auto label = [&] (double seconds) { return timecode::format (session.timecodeAt (seconds), session.frameRate); };

    for (auto& use : report.uses)
    {
        RightsProblem problem { use.region->musicCue, {}, label (use.in), label (use.out), {} };
        if (use.cue == nullptr)
        {
            problem.title = use.region->file.filename().string();
            problem.reason = use.region->musicCue.empty()
                                 ? "plays on music track \"" + use.track->name + "\" but names no entry of the music register"
                                 : "names music cue " + use.region->musicCue + ", which is not in the music register";
        }
        else
        {
            problem.title = use.cue->title;
            problem.reason = licenceProblem (*use.cue, delivery, date);
        }
        if (! problem.reason.empty())
            report.problems.push_back (std::move (problem));
    }
    return report;
}

std::string todayUtc()
{
    const auto now = std::time (nullptr);
    std::tm utc {};
    gmtime_r (&now, &utc);
    char text[16];
    std::strftime (text, sizeof (text), "%Y-%m-%d", &utc);
    return text;
}
} // namespace loopstage::rights
