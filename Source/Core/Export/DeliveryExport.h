#pragma once
/** Exports a session's deliverable: what `loopstage render --spec` and the Deliver page do.

    In order, and all or nothing:
    1. Music rights: every music use must be cleared (Rights/RightsCheck.h). Otherwise the export
       is refused with ExportRefused naming each cue and its timecodes, and nothing is written.
    2. The mix renders through the engine (stems DX/FX/MX and the printmaster, BWF time reference).
    3. The printmaster is normalised to the spec (gain, then the true-peak limiter only where
       needed); each stem gets the same gain, so the stems still sum to the printmaster before its
       limiter (the limiter is a master-bus process; docs/DELIVERY.md).
    4. QC of the printmaster against the spec (JSON + HTML report with plots), the music cue sheet
       (CSV) and a manifest (JSON) listing every file.
    Everything is written in a staging folder inside the output folder and moved into place at the
    end, so an interrupted export leaves no deliverable and no half file.
*/
#include "Base/Json.h"
#include "Base/Progress.h"
#include "Deliver/FileQc.h"
#include "Deliver/Normalizer.h"
#include "Rights/RightsCheck.h"
#include "Session/Session.h"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace loopstage::exporter
{
struct ExportOptions
{
    std::string spec;            ///< delivery spec name; empty: the session's delivery spec
    std::string date;            ///< licence date "YYYY-MM-DD"; empty: today (UTC)
    int threads = 1;             ///< engine worker threads
    int blockSize = 1024;
};

struct ExportedFile
{
    std::string role;            ///< "printmaster", "stem", "qc-report", "qc", "cue-sheet", "manifest"
    std::string name;
    std::filesystem::path file;
};

struct ExportReport
{
    std::string spec;
    std::vector<ExportedFile> files;
    deliver::NormalizeResult normalize;
    deliver::QcResult qc;
    rights::RightsReport rights;
    std::vector<std::string> warnings;
    bool compliant() const noexcept { return qc.compliant; }
};

/** Unlicensed music: the export refused and wrote nothing. what() lists every problem. */
class ExportRefused : public std::runtime_error
{
public:
    explicit ExportRefused (rights::RightsReport report);
    const rights::RightsReport& report() const noexcept { return rightsReport; }

private:
    rights::RightsReport rightsReport;
};

/** Exports into `folder` (created if needed). Throws ExportRefused (rights), InputError (bad
    session, unreadable media, unknown spec, disk full). QC failing is not an exception: the files
    are written and the report says so (compliant() false). */
ExportReport exportDelivery (const session::Session& session, const std::filesystem::path& folder,
                             const ExportOptions& options, Progress& progress = Progress::none());

/** The manifest / CLI JSON of a report. */
Json toJson (const ExportReport& report);
} // namespace loopstage::exporter
