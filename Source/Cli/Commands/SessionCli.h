#pragma once
// Shared by the `loopstage session` subcommand files (Session*.cpp): the option helpers and the
// result line. Opening, changing and saving a session with its history is Core's
// (Session/SessionHistory.h), as the app does it.
#include "Args.h"
#include "Output.h"
#include "Session/SessionDocument.h"
#include "Session/SessionHistory.h"
#include "Session/SessionLookup.h"

#include <filesystem>
#include <string>

namespace loopstage::cli::sessioncli
{
/** The session FILE positional (the one after the subcommand). */
std::filesystem::path sessionFileArg (const Args& args);

/** A number option that must be present / may be absent; InputError when unparsable. */
double requireNumber (const Args& args, const std::string& name);
std::string requireValue (const Args& args, const std::string& name);

/** A timecode option at `rate`; InputError "--<option>: ..." when it does not exist. */
timecode::Timecode timecodeArg (const std::string& text, const timecode::FrameRate& rate, const std::string& option);

/** The result line every edit prints: {"file", "edit", "id"} + extra fields. */
Json editResult (const session::SessionDocument& doc, const std::string& id);

int runInfo (const Args& args, Output& out);
int runAddTrack (const Args& args, Output& out);
int runAddRegion (const Args& args, Output& out);
int runAddCue (const Args& args, Output& out);
int runAddTake (const Args& args, Output& out);
int runAddMusic (const Args& args, Output& out);
int runAddInsert (const Args& args, Output& out);
int runSetInsert (const Args& args, Output& out);
int runRemoveInsert (const Args& args, Output& out);
int runAlignTakes (const Args& args, Output& out);
int runCircle (const Args& args, Output& out);
int runRate (const Args& args, Output& out);
} // namespace loopstage::cli::sessioncli
