#include "Pages/Pages.h"

namespace loopstage::app
{
namespace
{
    /** A page whose workspace lands with a later milestone: it says what it will hold. */
    class PlaceholderPage : public juce::Component
    {
    public:
        PlaceholderPage (juce::String heading, juce::String body) : title (std::move (heading)), text (std::move (body)) {}

        void paint (juce::Graphics& g) override
        {
            g.fillAll (juce::Colour (0xff2b2d31));
            auto area = getLocalBounds().reduced (32);
            g.setColour (juce::Colours::white);
            g.setFont (juce::Font (26.0f, juce::Font::bold));
            g.drawText (title, area.removeFromTop (40), juce::Justification::left);
            g.setColour (juce::Colour (0xffb5bac1));
            g.setFont (juce::Font (16.0f));
            g.drawMultiLineText (text, area.getX(), area.getY() + 20, area.getWidth());
        }

    private:
        juce::String title, text;
    };
} // namespace

std::vector<Page> createPages (const juce::File& sessionFile)
{
    std::vector<Page> pages;
    const auto add = [&] (const char* tab, const char* heading, const char* body) {
        pages.push_back ({ tab, std::make_unique<PlaceholderPage> (heading, body) });
    };
    add ("Session", "Session", sessionFile == juce::File() ? "No session open. Open one with: LoopStage SESSION.lsession"
                                                           : ("Session: " + sessionFile.getFullPathName()).toRawUTF8());
    add ("ADR", "ADR", "Cue list, loop record against picture with beeps and streamers, takes aligned to the guide.");
    add ("Mix", "Mix", "Dialogue, effects and music tracks through buses into DX / FX / MX stems and the printmaster.");
    add ("Edit", "Edit", "Timeline against picture, EDL import and export, reconform.");
    add ("Grade", "Grade", "ASC CDL, lift / gamma / gain, .cube LUTs and scopes.");
    add ("Deliver", "Deliver", "Loudness-compliant masters, true-peak safe, QC report, music cue sheet.");
    return pages;
}
} // namespace loopstage::app
