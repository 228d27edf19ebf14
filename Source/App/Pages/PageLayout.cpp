#include "Pages/PageLayout.h"
#include "Widgets/Theme.h"

namespace loopstage::app
{
int PageLayout::summaryBottom() const
{
    return 24 + 40 + lines.size() * theme::rowHeight + 12;
}

void PageLayout::paint (juce::Graphics& g)
{
    g.fillAll (theme::panel);
    auto area = getLocalBounds().reduced (24, 24);
    g.setColour (theme::text);
    g.setFont (theme::titleFont());
    g.drawText (pageTitle, area.removeFromTop (40), juce::Justification::centredLeft);
    g.setColour (theme::dimText);
    g.setFont (theme::bodyFont());
    for (auto& line : lines)
        g.drawText (line, area.removeFromTop (theme::rowHeight), juce::Justification::centredLeft);
}

void PageLayout::resized()
{
    auto area = getLocalBounds().reduced (24, 0).withTrimmedTop (summaryBottom());
    for (auto& t : tables)
        t->setBounds (area.removeFromTop (std::min (t->idealHeight(), std::max (0, area.getHeight()))));
}
} // namespace loopstage::app
