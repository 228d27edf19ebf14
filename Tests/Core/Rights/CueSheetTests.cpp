#include "Rights/CueSheet.h"
#include "Base/AtomicFile.h"
#include "SessionWithMusic.h"
#include "Support/TempDir.h"

#include <catch2/catch.hpp>

using namespace loopstage;

TEST_CASE ("the cue sheet lists each use in order with timings and durations", "[rights]")
{
    auto s = test::sessionWithMusic();
    const auto csv = rights::cueSheetCsv (s, rights::musicInDelivery (s));
    CHECK (csv == "Cue #,Title,Composer,Publisher,Usage,Timing In,Timing Out,Duration\r\n"
                  "1M01,Night Shift Theme,LoopStage,LoopStage,background,01:00:00:00,01:00:30:00,00:30\r\n"
                  "1M02,\"Radio, Radio\",A. Writer,Big Songs Ltd,source,01:00:40:00,01:00:46:12,00:07\r\n");

    test::TempDir dir ("cuesheet");
    rights::writeCueSheet (dir / "cue-sheet.csv", s, rights::musicInDelivery (s));
    CHECK (readWholeFile (dir / "cue-sheet.csv") == csv);
}
