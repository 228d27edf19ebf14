#pragma once
/** A session file with its undo history kept beside it, so undo survives between runs of the
    command line (each `loopstage session ...` call is a new process) and between app launches.

    `<file>.history` holds the document's history (SessionDocument::historyToJson) with a
    fingerprint of the session it was made for: written after the session, so a crash between
    the two leaves a history whose fingerprint no longer matches, and it is ignored rather than
    trusted. A damaged history costs only undo, never the session.
*/
#include "Session/SessionDocument.h"

#include <filesystem>

namespace loopstage::session
{
/** `demo.lsession` → `demo.lsession.history`. */
std::filesystem::path historyPathFor (const std::filesystem::path& sessionFile);

/** Loads `file` (InputError when missing, corrupt or newer) and the history beside it when it
    was made for this content. */
SessionDocument openWithHistory (const std::filesystem::path& file);

/** Saves the session atomically, then its history. */
void saveWithHistory (SessionDocument& document);

/** Applies `change` as one undo step and saves (saveWithHistory). A refusal is an InputError
    "<file>: <problem>" and changes nothing, on disk or in `document`. */
void commit (SessionDocument& document, const Change& change);

/** Undoes (or redoes) one step and saves; InputError naming the file when there is none. */
void undoAndSave (SessionDocument& document);
void redoAndSave (SessionDocument& document);

/** Writes a new session file, replacing one that is there only when `replace` is true (even
    then never a corrupt or newer one: saveSession refuses). The session is validated first;
    any history or autosave left beside an old file of that name is removed. */
void createSessionFile (const Session& session, const std::filesystem::path& file, bool replace);
} // namespace loopstage::session
