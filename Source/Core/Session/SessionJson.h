#pragma once
/** A Session to and from its JSON form (docs/SESSION_FORMAT.md).

    Reading is strict: a missing required field, a wrong type, an unknown field or enum name, an
    out-of-range value each throw InputError "<source>: <json path>: <problem>", e.g.
    "demo.lsession: tracks[2].kind: unknown kind 'foo' (dx, fx, mx, guide, adr)".
*/
#include "Base/Json.h"
#include "Session/Session.h"

#include <filesystem>
#include <string>

namespace loopstage::session
{
/** The document as JSON. File paths inside `baseFolder` are written relative to it. */
Json toJson (const Session& session, const std::filesystem::path& baseFolder = {});

/** Parses and validates; relative paths are resolved against `baseFolder`. `source` names the
    file in error messages. A schema_version above ours is refused with "newer version". */
Session fromJson (const Json& json, const std::string& source, const std::filesystem::path& baseFolder = {});

/** The schema_version a document claims, without reading the rest; nullopt when absent. */
std::optional<int> claimedVersion (const Json& json);
} // namespace loopstage::session
