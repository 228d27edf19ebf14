#pragma once
/** The whole job on the bundled demo scene (Assets/demo), end to end, as `loopstage demo` runs
    it and as the app could: media made from the assets' text, the session built, every ADR take
    aligned and the best per cue circled, EBU R128 and Netflix deliverables exported, and a
    delivery carrying an unlicensed song refused. Each step is the Core service a user would
    call by hand (Adr, Export); nothing here is demo-only logic but the scene itself. */
#include "Base/Progress.h"
#include "Export/DeliveryExport.h"
#include "Session/Session.h"

#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::demo
{
struct DemoDelivery
{
    std::filesystem::path folder;
    exporter::ExportReport report;
};

struct DemoResult
{
    std::filesystem::path sessionFile;    ///< night-shift.lsession, aligned and circled
    session::Session session;             ///< as saved there
    std::vector<DemoDelivery> deliveries; ///< ebu-r128, netflix
    std::filesystem::path refusedSession; ///< the scene with the unlicensed radio song
    std::string refusal;                  ///< why its export was refused (nothing was written)
};

struct DemoOptions
{
    bool showMediaLog = false;   ///< let make-media.sh print what it makes
    int threads = 2;
};

/** Runs the job into `outDir` (created). InputError when the assets are missing or a step fails;
    "the delivery with unlicensed music was not refused" if rights let it through. */
DemoResult runDemo (const std::filesystem::path& outDir, const DemoOptions& options, Progress& progress = Progress::none());
} // namespace loopstage::demo
