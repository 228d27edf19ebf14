#include "Pages/Pages.h"
#include "Pages/PageLayout.h"
#include "Rights/RightsCheck.h"
#include "Session/SessionFile.h"
#include "Session/SessionWarnings.h"
#include "Widgets/Theme.h"

namespace loopstage::app
{
namespace
{
    juce::String str (const std::string& s) { return juce::String (s); }
    juce::String number (double v, int decimals) { return juce::String (v, decimals); }

    juce::String tc (const session::Session& s, const timecode::Timecode& t) { return str (timecode::format (t, s.frameRate)); }

    std::unique_ptr<juce::Component> noSession (const char* title, const OpenSession& open)
    {
        juce::StringArray lines;
        if (open.problem.isNotEmpty())
            lines.add ("Could not open the session: " + open.problem);
        else
            lines.add ("No session open. Open one with: LoopStage SESSION.lsession  (loopstage demo makes one)");
        return std::make_unique<PageLayout> (title, lines);
    }

    std::unique_ptr<juce::Component> sessionPage (const session::Session& s, const juce::String& file)
    {
        juce::StringArray summary {
            str (s.name) + "   " + file,
            number (s.sampleRate, 0) + " Hz   " + str (s.frameRate.name()) + " fps   starts " + tc (s, s.startTimecode)
                + "   duration " + number (s.duration(), 2) + " s",
            s.picture ? "Picture: " + str (s.picture->file.string()) + " from " + str (timecode::format (s.picture->startTimecode, s.picture->frameRate))
                      : juce::String ("No picture reference"),
        };
        auto page = std::make_unique<PageLayout> ("Session", summary);
        auto& tracks = page->addTable ("Tracks", { { "Track", 3 }, { "Kind", 1 }, { "Channels", 1 }, { "Output", 2 }, { "Regions", 1 }, { "Gain dB", 1 } });
        std::vector<juce::StringArray> rows;
        for (auto& t : s.tracks)
        {
            const auto regions = std::count_if (s.regions.begin(), s.regions.end(), [&] (auto& r) { return r.track == t.id; });
            rows.push_back ({ str (t.name), str (session::toString (t.kind)), juce::String (t.channels),
                              t.output.empty() ? juce::String ("(not routed)") : str (t.output), juce::String ((int) regions), number (t.gainDb, 1) });
        }
        tracks.setRows (rows);
        // What `loopstage session info` warns about, from the same Core function.
        const auto warnings = session::sessionWarnings (s);
        if (! warnings.empty())
        {
            auto& list = page->addTable ("Needs attention", { { "Warning", 1 } });
            std::vector<juce::StringArray> warningRows;
            for (auto& w : warnings)
                warningRows.push_back ({ str (w) });
            list.setRows (warningRows);
        }
        return page;
    }

    std::unique_ptr<juce::Component> adrPage (const session::Session& s)
    {
        auto page = std::make_unique<PageLayout> ("ADR", juce::StringArray { juce::String ((int) s.adrCues.size()) + " cues. Offsets: how late the take runs against the picture; sync: residual after the time-warp (median / p95)." });
        auto& takes = page->addTable ("Cues and takes", { { "Cue", 0.7f }, { "Character", 1 }, { "In", 1.2f }, { "Line", 4.5f }, { "Take", 0.6f }, { "Offset s", 1 }, { "Confidence", 0.9f }, { "Sync ms", 1.3f }, { "Circled", 0.8f } });
        std::vector<juce::StringArray> rows;
        std::vector<int> circled;
        for (auto& cue : s.adrCues)
            for (size_t i = 0; i < cue.takes.size(); ++i)
            {
                auto& t = cue.takes[i];
                const bool first = i == 0;
                rows.push_back ({ first ? str (cue.id) : "", first ? str (cue.character) : "", first ? tc (s, cue.in) : "",
                                  first ? str (cue.line) : "", juce::String (t.number), t.offset ? number (*t.offset, 3) : "-",
                                  t.confidence ? number (*t.confidence, 2) : "-",
                                  t.syncScore ? number (t.syncScore->medianMs, 1) + " / " + number (t.syncScore->p95Ms, 1) : "-",
                                  t.circled ? juce::String (juce::CharPointer_UTF8 ("\xe2\x97\x8f circled")) : "" });
                if (t.circled)
                    circled.push_back ((int) rows.size() - 1);
            }
        takes.setRows (rows);
        for (auto r : circled)
            takes.setRowColour (r, theme::good);
        return page;
    }

    std::unique_ptr<juce::Component> mixPage (const session::Session& s)
    {
        auto page = std::make_unique<PageLayout> ("Mix", juce::StringArray { "Tracks feed the DX / FX / MX stems; the stems sum into the printmaster. Render: loopstage render SESSION --out DIR" });
        auto& strips = page->addTable ("Strips", { { "Strip", 2.5f }, { "Role", 1 }, { "Output", 1.5f }, { "Gain dB", 1 }, { "Pan", 1 }, { "State", 1.2f }, { "Inserts", 3.5f } });
        std::vector<juce::StringArray> rows;
        // The chain in signal order: its name, else the built-in's name or the plug-in id's last part.
        const auto inserts = [] (const session::Strip& st) {
            juce::StringArray chain;
            for (auto& i : st.inserts)
            {
                auto label = str (i.name.empty() ? i.plugin : i.name);
                if (i.name.empty() && i.kind == session::Insert::Kind::lv2)
                    label = label.substring (label.lastIndexOfAnyOf ("/#:") + 1) + " (LV2)";
                if (i.name.empty() && i.kind == session::Insert::Kind::vst3)
                    label += " (VST3)";
                chain.add (i.bypass ? label + " [bypassed]" : label);
            }
            return chain.isEmpty() ? juce::String ("-") : chain.joinIntoString (" > ");
        };
        const auto state = [] (const session::Strip& st) {
            juce::StringArray flags;
            if (st.mute) flags.add ("mute");
            if (st.solo) flags.add ("solo");
            if (st.polarityInvert) flags.add ("polarity");
            return flags.joinIntoString (" ");
        };
        for (auto& t : s.tracks)
            rows.push_back ({ str (t.name), str (session::toString (t.kind)), t.output.empty() ? "-" : str (t.output), number (t.gainDb, 1), number (t.pan, 2), state (t), inserts (t) });
        for (auto& b : s.buses)
            rows.push_back ({ str (b.name), "stem / bus", b.output.empty() ? "-" : str (b.output), number (b.gainDb, 1), number (b.pan, 2), state (b), inserts (b) });
        rows.push_back ({ str (s.master.name), "printmaster", "-", number (s.master.gainDb, 1), "", state (s.master), inserts (s.master) });
        strips.setRows (rows);
        return page;
    }

    std::unique_ptr<juce::Component> deliverPage (const session::Session& s)
    {
        const auto delivery = s.delivery.value_or (session::DeliverySpec {});
        const auto report = rights::checkMusicRights (s, rights::todayUtc());
        juce::StringArray summary {
            "Spec " + str (delivery.spec) + "   territory " + (delivery.territory.empty() ? "world" : str (delivery.territory)),
            report.cleared() ? juce::String ("Music rights cleared: every cue that reaches the delivery is licensed.")
                             : "Music rights NOT cleared: the export will refuse (" + juce::String ((int) report.problems.size()) + " problem(s)).",
            "Export: loopstage render SESSION --out DIR --spec " + str (delivery.spec),
        };
        auto page = std::make_unique<PageLayout> ("Deliver", summary);
        auto& music = page->addTable ("Music register", { { "Cue", 0.8f }, { "Title", 2 }, { "Composer", 2 }, { "Licence", 1 }, { "Licence id", 1.5f }, { "Status", 4 } });
        std::vector<juce::StringArray> rows;
        std::vector<int> problems;
        for (auto& m : s.music)
        {
            juce::String status = "cleared";
            for (auto& p : report.problems)
                if (p.cue == m.id)
                    status = str (p.reason);
            rows.push_back ({ str (m.id), str (m.title), str (m.composer), str (session::toString (m.licence)), str (m.licenceId), status });
            if (status != "cleared")
                problems.push_back ((int) rows.size() - 1);
        }
        music.setRows (rows);
        for (auto r : problems)
            music.setRowColour (r, theme::bad);
        return page;
    }

    /** A page whose workspace lands with a later milestone: it says what it will hold. */
    std::unique_ptr<juce::Component> laterPage (const char* title, const char* text)
    {
        return std::make_unique<PageLayout> (title, juce::StringArray { text });
    }
} // namespace

OpenSession openSession (const juce::File& file)
{
    OpenSession open;
    if (file == juce::File())
        return open;
    open.file = file.getFullPathName();
    try
    {
        open.session = session::loadSession (file.getFullPathName().toStdString());
    }
    catch (const std::exception& e)
    {
        open.problem = e.what();
    }
    return open;
}

std::vector<Page> createPages (const OpenSession& open)
{
    std::vector<Page> pages;
    const auto add = [&] (const char* title, std::unique_ptr<juce::Component> c) { pages.push_back ({ title, std::move (c) }); };
    if (open.session)
    {
        const auto& s = *open.session;
        add ("Session", sessionPage (s, open.file));
        add ("ADR", adrPage (s));
        add ("Mix", mixPage (s));
    }
    else
    {
        add ("Session", noSession ("Session", open));
        add ("ADR", noSession ("ADR", open));
        add ("Mix", noSession ("Mix", open));
    }
    add ("Edit", laterPage ("Edit", "Timeline against picture, EDL import and export, reconform: a later milestone."));
    add ("Grade", laterPage ("Grade", "ASC CDL, lift / gamma / gain, .cube LUTs and scopes: a later milestone."));
    add ("Deliver", open.session ? deliverPage (*open.session) : noSession ("Deliver", open));
    return pages;
}
} // namespace loopstage::app
