#pragma once
/** Screenshots of the real window, for tests under Xvfb and for the README. */
#include <juce_gui_extra/juce_gui_extra.h>

namespace loopstage::app
{
class MainWindow;

struct ScreenshotRequest
{
    juce::File outputFile;   ///< empty: no screenshot, run interactively
    juce::String page;
    juce::File sessionFile;

    /** Reads "--screenshot OUT.png [--page NAME] [SESSION]" from the command line. */
    static ScreenshotRequest parse (const juce::String& commandLine);
};

/** Renders the window's current content to a PNG; false (with a message on stderr) on failure. */
bool saveScreenshot (MainWindow& window, const juce::File& png);
} // namespace loopstage::app
