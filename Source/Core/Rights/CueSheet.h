#pragma once
/** The music cue sheet every delivery carries (for performing-rights societies): one row per
    use of a cue in the programme, in order of appearance, from the regions actually delivered.

    Columns: Cue #, Title, Composer, Publisher, Usage, Timing In, Timing Out, Duration.
    Timings are picture timecode at the session rate; duration is MM:SS rounded to the second
    (the societies' unit). CSV per RFC 4180 (fields quoted where needed), UTF-8.
*/
#include "Rights/MusicUse.h"

#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::rights
{
/** The cue sheet as CSV text. Uses without a register entry are listed with the file name as
    title, so the sheet never hides music (a cleared delivery has none). */
std::string cueSheetCsv (const session::Session& session, const std::vector<MusicUse>& uses);

/** Writes the cue sheet atomically. */
void writeCueSheet (const std::filesystem::path& file, const session::Session& session, const std::vector<MusicUse>& uses);
} // namespace loopstage::rights
