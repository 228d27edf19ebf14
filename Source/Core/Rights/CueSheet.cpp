#include "Rights/CueSheet.h"
#include "Base/AtomicFile.h"

#include <cmath>
#include <cstdio>

namespace loopstage::rights
{
namespace
{
    std::string csvField (const std::string& text)
    {
        if (text.find_first_of (",\"\r\n") == std::string::npos)
            return text;
        std::string quoted = "\"";
        for (char c : text)
            quoted += c == '"' ? std::string ("\"\"") : std::string (1, c);
        return quoted + "\"";
    }

    std::string minutesSeconds (double seconds)
    {
        const auto whole = (long) std::llround (seconds);
        char text[32];
        std::snprintf (text, sizeof (text), "%02ld:%02ld", whole / 60, whole % 60);
        return text;
    }

    std::string usageOf (const session::MusicCue* cue)
    {
        if (cue == nullptr || cue->usage.empty())
            return "background";
        return cue->usage;
    }
} // namespace

std::string cueSheetCsv (const session::Session& session, const std::vector<MusicUse>& uses)
{
    std::string csv = "Cue #,Title,Composer,Publisher,Usage,Timing In,Timing Out,Duration\r\n";
    const auto label = [&] (double s) { return timecode::format (session.timecodeAt (s), session.frameRate); };
    for (auto& use : uses)
    {
        const auto* cue = use.cue;
        const std::vector<std::string> row {
            cue ? cue->id : use.region->musicCue,
            cue ? cue->title : use.region->file.filename().string(),
            cue ? cue->composer : "",
            cue ? cue->publisher : "",
            usageOf (cue),
            label (use.in),
            label (use.out),
            minutesSeconds (use.out - use.in),
        };
        for (size_t i = 0; i < row.size(); ++i)
            csv += (i ? "," : "") + csvField (row[i]);
        csv += "\r\n";
    }
    return csv;
}

void writeCueSheet (const std::filesystem::path& file, const session::Session& session, const std::vector<MusicUse>& uses)
{
    writeFileAtomically (file, cueSheetCsv (session, uses));
}
} // namespace loopstage::rights
