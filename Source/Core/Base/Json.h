#pragma once
/** The one JSON type LoopStage uses: nlohmann's, insertion-ordered so output reads in the order
    ../shared/CLI.md documents. A value that does not exist is null, never a fake number. */
#include <nlohmann/json.hpp>
#include <optional>

namespace loopstage
{
using Json = nlohmann::ordered_json;

/** A measurement that may not exist (integrated loudness of silence) as a number or null. */
inline Json numberOrNull (std::optional<double> v)
{
    return v ? Json (*v) : Json (nullptr);
}
} // namespace loopstage
