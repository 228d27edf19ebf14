#pragma once
// A session with every field of the model set to something other than its default.
#include "Session/Session.h"

#include <filesystem>

namespace loopstage::test
{
/** Every field set; media paths inside `folder` (and one outside it). */
session::Session fullSession (const std::filesystem::path& folder);
} // namespace loopstage::test
