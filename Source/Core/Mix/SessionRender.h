#pragma once
/** A session's stems and printmaster rendered offline to files: `loopstage render` without a
    delivery spec, and the app's "Bounce stems". (With a spec, Export/DeliveryExport.h adds
    rights, loudness normalisation, QC and the cue sheet on top of the same render.) */
#include "Base/Progress.h"
#include "Engine/OfflineRenderer.h"
#include "Session/Session.h"

#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::mix
{
struct SessionRender
{
    engine::RenderReport report;
    double sampleRate = 0.0;
    double durationSeconds = 0.0;
    std::vector<std::string> warnings;   ///< plug-ins that could not be loaded (bypassed), ...
};

/** Renders `session` (its plan: SessionToPlan.h) into `folder`. InputError for a session with
    nothing to render or a plan that does not compile; `sessionFile` names it in messages. */
SessionRender renderSession (const session::Session& session, const std::filesystem::path& sessionFile,
                             const std::filesystem::path& folder, const engine::RenderOptions& options,
                             Progress& progress = Progress::none());
} // namespace loopstage::mix
