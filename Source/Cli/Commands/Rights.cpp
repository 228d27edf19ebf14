// loopstage rights: is every piece of music in a session's delivery licensed? + the cue sheet.
#include "CommandTable.h"
#include "Rights/CueSheet.h"
#include "Rights/RightsCheck.h"
#include "Session/SessionFile.h"

namespace loopstage::cli
{
namespace
{
    int runRights (const Args& args, Output& out)
    {
        args.expectPositionals (1, 1);
        const auto file = args.positional (0, "SESSION");
        const auto session = session::loadSession (file);
        const auto date = args.value ("date").value_or (rights::todayUtc());
        const auto report = rights::checkMusicRights (session, date);

        if (auto sheet = args.value ("cue-sheet"))
            rights::writeCueSheet (*sheet, session, report.uses);

        Json uses = Json::array();
        for (auto& use : report.uses)
            uses.push_back ({ { "cue", use.region->musicCue },
                              { "title", use.cue ? use.cue->title : use.region->file.filename().string() },
                              { "track", use.track->name },
                              { "in", use.in },
                              { "out", use.out },
                              { "timecode_in", timecode::format (session.timecodeAt (use.in), session.frameRate) },
                              { "timecode_out", timecode::format (session.timecodeAt (use.out), session.frameRate) } });
        Json problems = Json::array();
        std::string human = report.cleared() ? "music rights cleared: " + std::to_string (report.uses.size()) + " music use(s), all licensed\n"
                                             : "music rights NOT cleared:\n";
        for (auto& p : report.problems)
        {
            problems.push_back ({ { "cue", p.cue }, { "title", p.title }, { "timecode_in", p.timecodeIn },
                                  { "timecode_out", p.timecodeOut }, { "reason", p.reason }, { "message", p.message() } });
            human += "  " + p.message() + "\n";
        }
        out.result ({ { "session", file }, { "date", date }, { "cleared", report.cleared() }, { "uses", uses }, { "problems", problems } },
                    human);
        return report.cleared() ? exitOk : exitCheckFailed;
    }

    const Command rightsCommand {
        "rights",
        "check that every music cue in a delivery is licensed; write the cue sheet",
        "usage: loopstage rights SESSION [--date YYYY-MM-DD] [--cue-sheet OUT.csv] [--json]\n"
        "\n"
        "Music that reaches the delivery (regions naming a music cue, or on an MX track, on tracks\n"
        "that are routed and not muted) must be our own work or carry a licence whose term covers\n"
        "--date (default today, UTC) and whose territories and media cover the session's delivery.\n"
        "Exit 3 when any cue is not cleared; each problem names the cue and its timecodes.\n"
        "\n"
        "  --cue-sheet FILE  write the music cue sheet (CSV: Cue #, Title, Composer, Publisher,\n"
        "                    Usage, Timing In, Timing Out, Duration)\n"
        "\n"
        "JSON: {\"session\", \"date\", \"cleared\", \"uses\": [{\"cue\", \"title\", \"track\", \"in\", \"out\",\n"
        "       \"timecode_in\", \"timecode_out\"}], \"problems\": [{\"cue\", \"title\", \"timecode_in\",\n"
        "       \"timecode_out\", \"reason\", \"message\"}]}",
        { .values = { "date", "cue-sheet" } },
        runRights,
        60,
    };
    const CommandRegistration registerRights (rightsCommand);
} // namespace
} // namespace loopstage::cli
