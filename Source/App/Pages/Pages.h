#pragma once
/** The pages of the main window, in the order of the job. Each page is a view over Core: it
    shows a Session (and what Core computes from it, such as the rights check) and never
    computes anything itself. */
#include "Session/Session.h"

#include <juce_gui_extra/juce_gui_extra.h>

#include <memory>
#include <optional>
#include <vector>

namespace loopstage::app
{
struct Page
{
    juce::String title;
    std::unique_ptr<juce::Component> component;
};

/** What the pages show: the open session, or why none is open. */
struct OpenSession
{
    std::optional<session::Session> session;
    juce::String file;
    juce::String problem;   ///< the load error, when the file could not be opened
};

/** Loads `file` through Core (SessionFile); never throws. */
OpenSession openSession (const juce::File& file);

/** Session, ADR, Mix, Edit, Grade, Deliver. */
std::vector<Page> createPages (const OpenSession& open);
} // namespace loopstage::app
