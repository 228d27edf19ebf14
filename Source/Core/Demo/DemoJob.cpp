#include "Demo/DemoJob.h"
#include "Adr/CueAlignment.h"
#include "Base/Error.h"
#include "Base/Subprocess.h"
#include "Demo/DemoScene.h"
#include "Session/SessionFile.h"

namespace loopstage::demo
{
namespace
{
    namespace fs = std::filesystem;

    void makeMedia (const fs::path& outDir, bool showLog)
    {
        const auto script = assetsFolder() / "make-media.sh";
        if (! fs::exists (script))
            throwFileError (script, "demo assets not found (set LOOPSTAGE_ASSETS to the Assets folder)");
        auto result = runSubprocess ({ "bash", script.string(), outDir.string() }, showLog);
        if (result.exitCode != 0)
            throw InputError ("making the demo media failed (" + script.string() + " exited with "
                              + std::to_string (result.exitCode) + ")" + (result.err.empty() ? "" : ": " + result.err));
    }
} // namespace

DemoResult runDemo (const fs::path& outDir, const DemoOptions& options, Progress& progress)
{
    fs::create_directories (outDir);
    makeMedia (outDir, options.showMediaLog);

    DemoResult result;
    result.session = buildScene (outDir);
    auto& scene = result.session;
    adr::TakeAlignOptions align;
    align.alignedFolder = outDir / "adr-aligned";
    std::vector<std::string> cueIds;
    for (auto& c : scene.adrCues)
        cueIds.push_back (c.id);
    for (auto& cueId : cueIds)
        adr::alignCue (scene, cueId, align, true).change.apply (scene);
    result.sessionFile = outDir / "night-shift.lsession";
    session::saveSession (scene, result.sessionFile);

    for (auto spec : { "ebu-r128", "netflix" })
    {
        exporter::ExportOptions exportOptions;
        exportOptions.spec = spec;
        exportOptions.threads = options.threads;
        const auto folder = outDir / "deliver" / spec;
        result.deliveries.push_back ({ folder, exporter::exportDelivery (scene, folder, exportOptions, progress) });
    }

    // The same scene with a radio playing an unlicensed song: the export must refuse.
    const auto radio = withUnlicensedRadio (scene, outDir);
    result.refusedSession = outDir / "night-shift-radio.lsession";
    session::saveSession (radio, result.refusedSession);
    try
    {
        exporter::exportDelivery (radio, outDir / "deliver" / "with-radio", {});
    }
    catch (const exporter::ExportRefused& refused)
    {
        result.refusal = refused.what();
        return result;
    }
    throw InputError ("the delivery with unlicensed music was not refused");
}
} // namespace loopstage::demo
