#pragma once
/** The pages of the main window, in the order of the job. Each page is a view over Core: it
    reads Core state and calls Core functions, never computing anything itself. */
#include <juce_gui_extra/juce_gui_extra.h>

#include <memory>
#include <vector>

namespace loopstage::app
{
struct Page
{
    juce::String title;
    std::unique_ptr<juce::Component> component;
};

/** Session, ADR, Mix, Edit, Grade, Deliver. */
std::vector<Page> createPages (const juce::File& sessionFile);
} // namespace loopstage::app
