#include "Mix/SessionRender.h"
#include "Base/Error.h"
#include "Mix/SessionToPlan.h"

namespace loopstage::mix
{
SessionRender renderSession (const session::Session& session, const std::filesystem::path& sessionFile,
                             const std::filesystem::path& folder, const engine::RenderOptions& options, Progress& progress)
{
    SessionRender out;
    const auto plan = sessionToPlan (session, &out.warnings);
    if (plan.length <= 0)
        throwFileError (sessionFile, "the session has no regions, nothing to render");
    out.report = engine::renderToFolder (plan, folder, options, progress);
    out.sampleRate = plan.sampleRate;
    out.durationSeconds = (double) plan.length / plan.sampleRate;
    return out;
}
} // namespace loopstage::mix
