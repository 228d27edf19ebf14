#include "Deliver/QcReport.h"
#include "Base/AtomicFile.h"
#include "Deliver/Normalizer.h"
#include "Dsp/Decibels.h"
#include "Loudness/GatedHistogram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace loopstage::deliver
{
namespace
{
    std::string escape (const std::string& s)
    {
        std::string out;
        for (char c : s)
            out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string (1, c);
        return out;
    }

    // A polyline of loudness in a `window`-sub-block average, on a -60..0 LUFS by duration plot.
    std::string curve (const std::vector<double>& sub, int window, double width, double height, const char* colour)
    {
        std::ostringstream pts;
        double sum = 0.0;
        const double n = (double) std::max<size_t> (1, sub.size());
        const size_t step = std::max<size_t> (1, sub.size() / 1800);   // about two points a pixel
        for (size_t i = 0; i < sub.size(); ++i)
        {
            sum += sub[i];
            if (i >= (size_t) window)
                sum -= sub[i - (size_t) window];
            if (i + 1 < (size_t) window || i % step != 0)
                continue;
            const double lufs = std::clamp (loudness::energyToLufs (std::max (0.0, sum) / window), -60.0, 0.0);
            pts << (width * (double) i / n) << ',' << (height * -lufs / 60.0) << ' ';
        }
        return "<polyline fill='none' stroke='" + std::string (colour) + "' stroke-width='1' points='" + pts.str() + "'/>";
    }
    // True peak per pixel column (max over channels), on a +3..-37 dBTP scale.
    std::string peakCurve (const loudness::LoudnessReport& r, double width, double height)
    {
        size_t entries = 0;
        for (auto& ch : r.truePeakHistory)
            entries = std::max (entries, ch.size());
        if (entries == 0)
            return {};
        const int columns = (int) width;
        std::vector<float> column ((size_t) columns, 0.0f);
        for (auto& ch : r.truePeakHistory)
            for (size_t k = 0; k < ch.size(); ++k)
            {
                auto& c = column[std::min ((size_t) columns - 1, k * (size_t) columns / entries)];
                c = std::max (c, ch[k]);
            }
        std::ostringstream pts;
        for (int x = 0; x < columns; ++x)
        {
            const double db = column[(size_t) x] > 0 ? dsp::gainToDb ((double) column[(size_t) x]) : -37.0;
            pts << x << ',' << height * (3.0 - std::clamp (db, -37.0, 3.0)) / 40.0 << ' ';
        }
        return "<polyline fill='none' stroke='#036' stroke-width='1' points='" + pts.str() + "'/>";
    }

    // Vertical grid lines with mm:ss labels at a round step: the mixer finds the failing moment.
    std::string timeAxis (double seconds, double width, double height)
    {
        if (seconds <= 0.0)
            return {};
        double step = 1.0;
        for (double s : { 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0 })
        {
            step = s;
            if (seconds / s <= 12.0)
                break;
        }
        std::ostringstream o;
        for (double t = 0.0; t <= seconds + 1e-9; t += step)
        {
            const double x = width * t / seconds;
            const auto whole = (long) std::llround (t);
            char label[32];
            std::snprintf (label, sizeof label, "%ld:%02ld", whole / 60, whole % 60);
            o << "<line x1='" << x << "' x2='" << x << "' y1='0' y2='" << height << "' stroke='#eee'/>"
              << "<text x='" << x - 12 << "' y='" << height + 14 << "' font-size='11'>" << label << "</text>";
        }
        return o.str();
    }
} // namespace

void writeQcReport (const std::filesystem::path& html, const std::filesystem::path& audioFile, const QcResult& r)
{
    const double w = 900, h = 300;
    std::ostringstream o;
    o << "<!DOCTYPE html><html><head><meta charset='utf-8'><title>QC " << escape (audioFile.filename().string())
      << "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}"
         ".fail{color:#b00;font-weight:bold}.ok{color:#070}</style></head><body>\n"
      << "<h1>Delivery QC: " << escape (audioFile.filename().string()) << "</h1>\n<p>Spec <b>" << escape (r.spec)
      << "</b>: <span class='" << (r.compliant ? "ok'>PASS" : "fail'>FAIL") << "</span></p>\n"
      << "<table><tr><th>check</th><th>value</th><th>limit</th><th></th></tr>\n";
    for (auto& c : r.checks)
        o << "<tr><td>" << escape (c.name) << "</td><td>" << escape (c.value.dump()) << "</td><td>" << escape (c.limit)
          << "</td><td class='" << (c.pass ? "ok'>ok" : "fail'>FAIL") << "</td></tr>\n";
    o << "</table>\n<h2>Loudness over time</h2>\n<svg xmlns='http://www.w3.org/2000/svg' width='" << w + 60
      << "' height='" << h + 50 << "'><g transform='translate(50,10)'>"
      << "<rect width='" << w << "' height='" << h << "' fill='#fafafa' stroke='#999'/>"
      << timeAxis (r.report.durationSeconds(), w, h);
    for (int db = -60; db <= 0; db += 10)
        o << "<line x1='0' x2='" << w << "' y1='" << h * -db / 60.0 << "' y2='" << h * -db / 60.0
          << "' stroke='#ddd'/><text x='-45' y='" << h * -db / 60.0 + 4 << "' font-size='11'>" << db << "</text>";
    const auto& sub = r.report.subBlocks;
    o << curve (sub, 4, w, h, "#9bd") << curve (sub, 30, w, h, "#036");
    if (r.report.integratedLufs)
        o << "<line x1='0' x2='" << w << "' y1='" << h * -*r.report.integratedLufs / 60.0 << "' y2='"
          << h * -*r.report.integratedLufs / 60.0 << "' stroke='#c60' stroke-dasharray='4'/>";
    if (! r.checks.empty() && (r.checks[0].name == "integrated" || r.checks[0].name == "dialogue"))
    {
        const double target = std::stod (r.checks[0].limit);   // "-23.0 ± 0.5"
        o << "<line x1='0' x2='" << w << "' y1='" << h * -target / 60.0 << "' y2='" << h * -target / 60.0
          << "' stroke='#c00' stroke-dasharray='2,6'/>";
    }
    char caption[160];
    std::snprintf (caption, sizeof caption, "time m:ss (0 to %.1f s); light: momentary, dark: short-term, orange dashes: integrated, red dots: target (LUFS)",
                   r.report.durationSeconds());
    o << "<text x='0' y='" << h + 32 << "' font-size='12'>" << caption << "</text></g></svg>\n";

    if (! r.report.truePeakHistory.empty())
    {
        o << "<h2>True peak over time (16x)</h2>\n<svg xmlns='http://www.w3.org/2000/svg' width='" << w + 60
          << "' height='" << h + 50 << "'><g transform='translate(50,10)'>"
          << "<rect width='" << w << "' height='" << h << "' fill='#fafafa' stroke='#999'/>"
          << timeAxis (r.report.durationSeconds(), w, h);
        for (int db = 0; db >= -35; db -= 5)
            o << "<line x1='0' x2='" << w << "' y1='" << h * (3.0 - db) / 40.0 << "' y2='" << h * (3.0 - db) / 40.0
              << "' stroke='#ddd'/><text x='-45' y='" << h * (3.0 - db) / 40.0 + 4 << "' font-size='11'>" << db << "</text>";
        o << peakCurve (r.report, w, h);
        for (auto& c : r.checks)
            if (c.name == "true_peak" && c.limit.rfind ("<= ", 0) == 0)
            {
                const double ceiling = std::stod (c.limit.substr (3));
                o << "<line x1='0' x2='" << w << "' y1='" << h * (3.0 - ceiling) / 40.0 << "' y2='"
                  << h * (3.0 - ceiling) / 40.0 << "' stroke='#c00' stroke-dasharray='4'/>";
            }
        o << "<text x='0' y='" << h + 32 << "' font-size='12'>dBTP, max of all channels; dashed: the spec's ceiling</text></g></svg>\n";
    }
    o << "</body></html>\n";
    writeFileAtomically (html, o.str());
}
} // namespace loopstage::deliver
