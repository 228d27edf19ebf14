#pragma once
/** The picture reference the session is cut to, and the delivery it is mixed for. */
#include "Timecode/FrameRate.h"
#include "Timecode/Timecode.h"

#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::session
{
struct Picture
{
    std::filesystem::path file;                ///< as for Region::file
    timecode::FrameRate frameRate;             ///< stored by name: "23.976", "29.97df" ...
    timecode::Timecode startTimecode { 1, 0, 0, 0 };   ///< timecode of the file's first frame

    bool operator== (const Picture&) const = default;
};

/** What the mix is delivered against. `spec` names a deliver::DeliverySpec
    (ebu-r128, atsc-a85, netflix, apple-podcasts, spotify). */
struct DeliverySpec
{
    std::string spec = "ebu-r128";
    std::string territory;                ///< e.g. "world", "GB"; checked against music licences
    std::vector<std::string> media;       ///< e.g. {"broadcast"}; checked against music licences

    bool operator== (const DeliverySpec&) const = default;
};
} // namespace loopstage::session
