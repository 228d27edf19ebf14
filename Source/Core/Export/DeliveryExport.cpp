#include "Export/DeliveryExport.h"
#include "Base/AtomicFile.h"
#include "Base/Error.h"
#include "Deliver/QcReport.h"
#include "Engine/OfflineRenderer.h"
#include "Mix/SessionToPlan.h"
#include "Export/StemGain.h"
#include "Rights/CueSheet.h"

#include <memory>
#include <unistd.h>

namespace loopstage::exporter
{
namespace fs = std::filesystem;

namespace
{
    std::string refusalMessage (const rights::RightsReport& report)
    {
        std::string text = "delivery refused: unlicensed music";
        for (auto& p : report.problems)
            text += "\n  " + p.message();
        return text;
    }

    /** A folder inside the output folder that disappears unless the export completes. */
    class StagingFolder
    {
    public:
        explicit StagingFolder (const fs::path& parent)
            : path (parent / (".export-" + std::to_string (::getpid())))
        {
            fs::remove_all (path);
            fs::create_directories (path / "raw");
        }
        ~StagingFolder()
        {
            std::error_code ec;
            fs::remove_all (path, ec);
        }
        const fs::path path;
    };

    /** Scales Progress of one stage into its share of the whole export. */
    struct StageProgress : Progress
    {
        StageProgress (Progress& p, double s, double e) : parent (p), start (s), end (e) {}
        bool update (double fraction, std::string_view stage) override
        {
            return parent.update (start + (end - start) * fraction, stage);
        }
        Progress& parent;
        double start, end;
    };
} // namespace

ExportRefused::ExportRefused (rights::RightsReport report)
    : std::runtime_error (refusalMessage (report)), rightsReport (std::move (report))
{
}

namespace
{
    /** The stem the dialogue is on: the one DX and ADR tracks feed. Empty when none does. */
    std::string dialogueStemName (const session::Session& session)
    {
        for (auto& t : session.tracks)
            if (t.kind == session::TrackKind::dx || t.kind == session::TrackKind::adr)
                for (auto& b : session.buses)
                    if (b.isStem && b.id == t.output)
                        return b.name;
        return {};
    }
} // namespace

ExportReport exportDelivery (const session::Session& session, const fs::path& folder, const ExportOptions& options,
                             Progress& progress)
{
    ExportReport report;
    report.spec = ! options.spec.empty() ? options.spec : (session.delivery ? session.delivery->spec : std::string ("ebu-r128"));
    const auto spec = deliver::findSpec (report.spec);

    report.rights = rights::checkMusicRights (session, options.date.empty() ? rights::todayUtc() : options.date);
    if (! report.rights.cleared())
        throw ExportRefused (report.rights);

    fs::create_directories (folder);
    StagingFolder staging (folder);

    // 1. Mix.
    const auto plan = mix::sessionToPlan (session, &report.warnings);
    engine::RenderOptions render;
    render.threads = options.threads;
    render.blockSize = options.blockSize;
    // The mix stays float until the delivery gain and limiter have run: a mix peaking over
    // 0 dBFS before a negative gain comes out whole. 24-bit and its dither come once, at the end.
    render.format = audio::SampleFormat::float32;
    StageProgress renderProgress (progress, 0.0, 0.5);
    const auto rendered = engine::renderToFolder (plan, staging.path / "raw", render, renderProgress);

    // 2. Loudness: the printmaster to spec, the stems by the same gain. A dialogue-gated spec
    // finds the words on the DX stem (no music or effects to hide or fake them) and measures the
    // printmaster while they are spoken.
    std::shared_ptr<const std::vector<bool>> speech;
    std::string speechSource;
    if (spec.measure == deliver::Measure::dialogue)
        for (auto& r : rendered.files)
            if (r.role == "stem" && ! r.name.empty() && r.name == dialogueStemName (session))
            {
                speech = deliver::findSpeech (r.file);
                speechSource = "the " + r.name + " stem";
            }
    std::vector<ExportedFile> files;
    StageProgress normalizeProgress (progress, 0.5, 0.8);
    for (auto& r : rendered.files)
    {
        if (r.role != "printmaster")
            continue;
        deliver::NormalizeOutput written;
        written.format = audio::SampleFormat::int24;
        written.ixml = audio::IxmlChunk {};
        written.ixml->project = session.name;
        written.ixml->note = "printmaster, delivery spec " + report.spec;
        report.normalize = deliver::normalizeFile (r.file, staging.path / "printmaster.wav", spec, normalizeProgress, speech, written);
        files.push_back ({ "printmaster", "printmaster", "printmaster.wav" });
    }
    for (auto& r : rendered.files)
    {
        if (r.role != "stem")
            continue;
        const auto name = "stem-" + engine::safeFileName (r.name) + ".wav";
        applyGain (r.file, staging.path / name, report.normalize.gainDb, audio::SampleFormat::int24, "delivery stem, spec " + report.spec);
        files.push_back ({ "stem", r.name, name });
    }

    // 3. QC, report, cue sheet.
    deliver::QcOptions qcOptions;
    qcOptions.keepPlots = true;
    qcOptions.speechFrames = speech;
    qcOptions.speechSource = speechSource;
    StageProgress qcProgress (progress, 0.8, 1.0);
    report.qc = deliver::checkFile (staging.path / "printmaster.wav", spec, qcOptions, qcProgress);
    deliver::writeQcReport (staging.path / "qc-report.html", staging.path / "printmaster.wav", report.qc);
    writeFileAtomically (staging.path / "qc.json", deliver::toJson (report.qc).dump (2) + "\n");
    rights::writeCueSheet (staging.path / "cue-sheet.csv", session, report.rights.uses);
    files.push_back ({ "qc-report", "QC report", "qc-report.html" });
    files.push_back ({ "qc", "QC results", "qc.json" });
    files.push_back ({ "cue-sheet", "music cue sheet", "cue-sheet.csv" });

    // 4. Move into place: every file is complete before any appears under its real name.
    for (auto& f : files)
    {
        fs::rename (staging.path / f.file, folder / f.file);
        report.files.push_back ({ f.role, f.name, folder / f.file });
    }
    report.files.push_back ({ "manifest", "manifest", folder / "manifest.json" });
    writeFileAtomically (folder / "manifest.json", toJson (report).dump (2) + "\n");
    progress.update (1.0, "export");
    return report;
}

Json toJson (const ExportReport& report)
{
    Json files = Json::array();
    for (auto& f : report.files)
        files.push_back ({ { "role", f.role }, { "name", f.name }, { "file", f.file.string() } });
    Json cues = Json::array();
    for (auto& use : report.rights.uses)
        cues.push_back ({ { "cue", use.region->musicCue }, { "title", use.cue ? use.cue->title : "" }, { "in", use.in }, { "out", use.out } });
    return {
        { "spec", report.spec },
        { "compliant", report.compliant() },
        { "gain_db", report.normalize.gainDb },
        { "limiter_max_reduction_db", report.normalize.limiterMaxReductionDb },
        { "files", files },
        { "music", cues },
        { "qc", deliver::toJson (report.qc) },
        { "warnings", report.warnings },
    };
}
} // namespace loopstage::exporter
