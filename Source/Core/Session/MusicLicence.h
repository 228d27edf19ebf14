#pragma once
/** The music licence register: one entry per music cue used in the programme. MX regions link to
    an entry by its id (Region::musicCue); delivery checks licences against the delivery's
    territory, media and date, and writes the cue sheet from these entries and the regions. */
#include <optional>
#include <string>
#include <vector>

namespace loopstage::session
{
enum class LicenceType
{
    own,        ///< written for the production (commissioned score): no third-party licence
    licensed,   ///< a commercial track licensed for this use
    library     ///< production music library
};

std::string toString (LicenceType type);   ///< "own", "licensed", "library"
std::optional<LicenceType> parseLicenceType (const std::string& name);

struct MusicCue
{
    std::string id;                       ///< cue number, e.g. "1M01"
    std::string title;
    std::string composer;
    std::string publisher;
    LicenceType licence = LicenceType::own;
    std::string licenceId;                ///< the licence/agreement reference
    std::vector<std::string> territories; ///< e.g. {"world"} or ISO 3166 codes {"GB", "FR"}
    std::string termStart, termEnd;       ///< ISO dates "YYYY-MM-DD"; empty: unbounded
    std::vector<std::string> media;       ///< e.g. {"all"} or {"broadcast", "svod", "theatrical"}
    std::string usage;                    ///< cue-sheet usage: "background", "featured", "theme" or empty
    std::string notes;

    bool operator== (const MusicCue&) const = default;
};

/** One name engineers also use for a register entry. */
using MusicLicence = MusicCue;
} // namespace loopstage::session
