#pragma once
/** Strict reading of one JSON object for SessionJson: every getter knows the JSON path of what
    it reads, so an error says exactly where ("tracks[2].kind: ..."), and finish() refuses fields
    the schema does not have (a typo in a hand-edited file is an error, not a silent default).
    Internal to the Session module. */
#include "Base/Json.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace loopstage::session::detail
{
[[noreturn]] void failAt (const std::string& path, const std::string& problem);

/** "a.b" / "b" (at the root). */
std::string joinPath (const std::string& parent, const std::string& key);

class ObjectReader
{
public:
    ObjectReader (const Json& json, std::string path);

    const std::string& path() const noexcept { return where; }
    std::string pathOf (const std::string& key) const { return joinPath (where, key); }
    bool has (const std::string& key) const;

    /** The raw value (marked as read), or nullptr when absent. */
    const Json* get (const std::string& key);
    const Json& require (const std::string& key);

    std::string string (const std::string& key, std::optional<std::string> fallback = std::nullopt);
    double number (const std::string& key, std::optional<double> fallback = std::nullopt);
    std::optional<double> optionalNumber (const std::string& key);
    int integer (const std::string& key, std::optional<int> fallback = std::nullopt);
    /** A count of samples: a whole number from 0 to 2^53 (exact in every JSON reader). */
    std::int64_t samples (const std::string& key);
    bool boolean (const std::string& key, std::optional<bool> fallback = std::nullopt);
    std::vector<std::string> strings (const std::string& key);
    /** An array (empty when absent). */
    const Json& array (const std::string& key);

    /** Throws for the first key that was never read. */
    void finish() const;

private:
    const Json& json;
    std::string where;
    std::set<std::string> seen;
};

std::string typeName (const Json& j);
} // namespace loopstage::session::detail
