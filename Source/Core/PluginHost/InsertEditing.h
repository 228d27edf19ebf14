#pragma once
/** Putting processors on a strip and changing them, as undoable session changes: what the
    mixer's insert slots do and `session add-insert | set-insert | remove-insert`.

    A plug-in insert is instantiated when it is added or its parameters change: a missing
    plug-in or an unknown parameter is refused there and then, and the state the plug-in settles
    into is what the session keeps (session::Insert::stateBase64), so a reopened session sounds
    the same. Built-in processors need no instance.
*/
#include "Session/SessionDocument.h"

#include <optional>
#include <string>

namespace loopstage::pluginhost
{
struct InsertEdit
{
    std::string stripId;
    session::Insert insert;     ///< as stored (added or changed), or as it was (removed)
    int latencySamples = 0;     ///< what the plug-in reports once instantiated (0: built-in, or removed)
    session::Change change;     ///< one undo step
};

/** Adds `insert` at the end of the chain of track, bus, stem or master `stripId`. An empty id
    becomes the first free "insert-N"; a taken one is refused (InputError naming the session). */
InsertEdit addInsert (const session::SessionDocument& document, const std::string& stripId, session::Insert insert);

/** What set-insert changes: only what is given. */
struct InsertSettings
{
    std::optional<bool> bypass;
    std::optional<std::string> name;
    Json parameters = Json::object();   ///< merged into the insert's parameters
};

InsertEdit changeInsert (const session::SessionDocument& document, const std::string& stripId, const std::string& insertId,
                         const InsertSettings& settings);

InsertEdit removeInsert (const session::SessionDocument& document, const std::string& stripId, const std::string& insertId);
} // namespace loopstage::pluginhost
