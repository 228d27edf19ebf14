// The on-disk and CLI names of the session's enums, in one place.
#include "Session/MusicLicence.h"
#include "Session/Region.h"
#include "Session/Track.h"

#include <array>
#include <utility>

namespace loopstage::session
{
namespace
{
    template <typename Enum, std::size_t N>
    std::string nameOf (const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
    {
        for (auto& [e, name] : table)
            if (e == value)
                return name;
        return "?";
    }

    template <typename Enum, std::size_t N>
    std::optional<Enum> parseName (const std::array<std::pair<Enum, const char*>, N>& table, const std::string& text)
    {
        for (auto& [e, name] : table)
            if (text == name)
                return e;
        return std::nullopt;
    }

    constexpr std::array<std::pair<TrackKind, const char*>, 5> trackKinds { {
        { TrackKind::dx, "dx" },
        { TrackKind::fx, "fx" },
        { TrackKind::mx, "mx" },
        { TrackKind::guide, "guide" },
        { TrackKind::adr, "adr" },
    } };

    constexpr std::array<std::pair<FadeShape, const char*>, 2> fadeShapes { {
        { FadeShape::linear, "linear" },
        { FadeShape::equalPower, "equal-power" },
    } };

    constexpr std::array<std::pair<LicenceType, const char*>, 3> licenceTypes { {
        { LicenceType::own, "own" },
        { LicenceType::licensed, "licensed" },
        { LicenceType::library, "library" },
    } };
} // namespace

std::string toString (TrackKind kind) { return nameOf (trackKinds, kind); }
std::optional<TrackKind> parseTrackKind (const std::string& name) { return parseName (trackKinds, name); }
std::string toString (FadeShape shape) { return nameOf (fadeShapes, shape); }
std::optional<FadeShape> parseFadeShape (const std::string& name) { return parseName (fadeShapes, name); }
std::string toString (LicenceType type) { return nameOf (licenceTypes, type); }
std::optional<LicenceType> parseLicenceType (const std::string& name) { return parseName (licenceTypes, name); }
} // namespace loopstage::session
