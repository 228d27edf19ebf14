#pragma once
// The demo scene "Night Shift" as a session, built from Assets/demo's text sources and the
// media make-media.sh made from them. Used by the demo job (DemoJob.h).
#include "Session/Session.h"

#include <filesystem>

namespace loopstage::demo
{
/** Assets/demo (LOOPSTAGE_ASSETS overrides, for installed copies). */
std::filesystem::path assetsFolder();

/** The scene's session: picture, guide, one ADR track with two takes per cue (not yet aligned),
    effects, the score as our own music, delivery to the world on broadcast and streaming.
    `outDir` holds media/ from make-media.sh. */
session::Session buildScene (const std::filesystem::path& outDir);

/** The scene plus the radio heard in the background: a source cue with no licence on record. */
session::Session withUnlicensedRadio (session::Session scene, const std::filesystem::path& outDir);
} // namespace loopstage::demo
