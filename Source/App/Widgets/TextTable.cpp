#include "Widgets/TextTable.h"
#include "Widgets/Theme.h"

namespace loopstage::app
{
TextTable::TextTable (juce::String h, std::vector<Column> c) : heading (std::move (h)), columns (std::move (c)) {}

void TextTable::setRows (std::vector<juce::StringArray> newRows)
{
    rows = std::move (newRows);
    rowColours.clear();
    repaint();
}

void TextTable::setRowColour (int row, juce::Colour colour)
{
    rowColours[row] = colour;
    repaint();
}

int TextTable::idealHeight() const
{
    return theme::headingHeight + theme::rowHeight * (1 + std::max (1, (int) rows.size())) + 8;
}

void TextTable::paint (juce::Graphics& g)
{
    auto area = getLocalBounds();
    g.setColour (theme::text);
    g.setFont (theme::headingFont());
    g.drawText (heading, area.removeFromTop (theme::headingHeight), juce::Justification::centredLeft);

    float total = 0;
    for (auto& c : columns)
        total += c.width;
    const auto drawRow = [&] (juce::Rectangle<int> line, const juce::StringArray& cells) {
        auto x = (float) line.getX();
        for (size_t i = 0; i < columns.size(); ++i)
        {
            const auto w = (float) line.getWidth() * columns[i].width / total;
            g.drawFittedText (cells[(int) i], juce::Rectangle<float> (x + 4, (float) line.getY(), w - 8, (float) line.getHeight()).toNearestInt(),
                              juce::Justification::centredLeft, 1, 0.8f);
            x += w;
        }
    };

    auto header = area.removeFromTop (theme::rowHeight);
    g.setColour (theme::panel.brighter (0.15f));
    g.fillRect (header);
    g.setColour (theme::dimText);
    g.setFont (theme::bodyFont().boldened());
    juce::StringArray titles;
    for (auto& c : columns)
        titles.add (c.title);
    drawRow (header, titles);

    g.setFont (theme::bodyFont());
    if (rows.empty())
    {
        g.setColour (theme::dimText);
        g.drawText (emptyText, area.removeFromTop (theme::rowHeight).reduced (4, 0), juce::Justification::centredLeft);
        return;
    }
    for (int r = 0; r < (int) rows.size(); ++r)
    {
        auto line = area.removeFromTop (theme::rowHeight);
        if (r % 2 == 1)
        {
            g.setColour (theme::panel.brighter (0.05f));
            g.fillRect (line);
        }
        auto colour = rowColours.find (r);
        g.setColour (colour != rowColours.end() ? colour->second : theme::text);
        drawRow (line, rows[(size_t) r]);
    }
}
} // namespace loopstage::app
