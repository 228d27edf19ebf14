#pragma once
/** A read-only table of text: a heading, column titles and rows, drawn in the app's colours.
    Pages use it to show what Core computed (cues and takes, tracks, the music register). */
#include <juce_gui_extra/juce_gui_extra.h>

namespace loopstage::app
{
class TextTable : public juce::Component
{
public:
    struct Column
    {
        juce::String title;
        float width;   ///< share of the table's width
    };

    TextTable (juce::String heading, std::vector<Column> columns);

    void setRows (std::vector<juce::StringArray> rows);
    /** Colours a row's text (e.g. red for a rights problem); default is the normal text colour. */
    void setRowColour (int row, juce::Colour colour);
    void setEmptyText (juce::String text) { emptyText = std::move (text); }

    /** Height that shows every row. */
    int idealHeight() const;

    void paint (juce::Graphics& g) override;

private:
    juce::String heading, emptyText { "(none)" };
    std::vector<Column> columns;
    std::vector<juce::StringArray> rows;
    std::map<int, juce::Colour> rowColours;
};
} // namespace loopstage::app
