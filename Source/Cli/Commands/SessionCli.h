#pragma once
// Shared by the `loopstage session` subcommand files (Session*.cpp): opening a session for an
// edit with its undo history, committing an edit, and the option helpers.
#include "Args.h"
#include "Output.h"
#include "Session/SessionDocument.h"

#include <filesystem>
#include <string>

namespace loopstage::cli::sessioncli
{
/** `<file>.history`: the undo/redo history the CLI keeps between runs (docs/SESSION_FORMAT.md). */
std::filesystem::path historyPathFor (const std::filesystem::path& file);

/** Loads FILE (exit 2 on a bad file) and the history beside it when it matches. */
session::SessionDocument openForEdit (const std::filesystem::path& file);

/** Applies the edit (errors become "<file>: <problem>"), saves the session atomically, then the
    history. */
void commit (session::SessionDocument& doc, const session::Change& change);

/** Saves the session and its history as they are now. */
void save (session::SessionDocument& doc);

/** The session FILE positional (the one after the subcommand). */
std::filesystem::path sessionFileArg (const Args& args);

/** A number option that must be present / may be absent; InputError when unparsable. */
double requireNumber (const Args& args, const std::string& name);
std::string requireValue (const Args& args, const std::string& name);

/** A track by id, or by name when exactly one track has that name. */
const session::Track& findTrackArg (const session::Session& s, const std::string& idOrName, const std::filesystem::path& file);

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
} // namespace loopstage::cli::sessioncli
