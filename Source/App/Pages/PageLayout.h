#pragma once
// A page: a title, a few lines of summary, then tables stacked top to bottom.
#include "Widgets/TextTable.h"

namespace loopstage::app
{
class PageLayout : public juce::Component
{
public:
    PageLayout (juce::String title, juce::StringArray summary) : pageTitle (std::move (title)), lines (std::move (summary)) {}

    TextTable& addTable (juce::String heading, std::vector<TextTable::Column> columns)
    {
        tables.push_back (std::make_unique<TextTable> (std::move (heading), std::move (columns)));
        addAndMakeVisible (*tables.back());
        return *tables.back();
    }

    void paint (juce::Graphics& g) override;
    void resized() override;

private:
    juce::String pageTitle;
    juce::StringArray lines;
    std::vector<std::unique_ptr<TextTable>> tables;
    int summaryBottom() const;
};
} // namespace loopstage::app
