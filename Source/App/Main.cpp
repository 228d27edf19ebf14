// LoopStage GUI entry point.
//   LoopStage [SESSION]                        opens the main window
//   LoopStage --screenshot OUT.png [--page P] [SESSION]
//                                              renders the window to a PNG and quits (tests, docs)
#include "MainWindow.h"
#include "Screenshot.h"
#include "PluginHost/PluginHost.h"

#include <juce_gui_extra/juce_gui_extra.h>

namespace loopstage::app
{
class Application : public juce::JUCEApplication
{
public:
    const juce::String getApplicationName() override { return "LoopStage"; }
    const juce::String getApplicationVersion() override { return LOOPSTAGE_VERSION; }
    bool moreThanOneInstanceAllowed() override { return true; }

    void initialise (const juce::String& commandLine) override
    {
        pluginhost::install();   // LV2/VST3 inserts in the sessions the engine plays
        const auto options = ScreenshotRequest::parse (commandLine);
        window = std::make_unique<MainWindow> (options.sessionFile);
        if (options.page.isNotEmpty())
            window->showPage (options.page);

        if (options.outputFile != juce::File())
        {
            // Let the window lay itself out, then capture and quit with the result.
            juce::MessageManager::callAsync ([this, options] {
                setApplicationReturnValue (saveScreenshot (*window, options.outputFile) ? 0 : 1);
                quit();
            });
        }
    }

    void shutdown() override { window = nullptr; }
    void systemRequestedQuit() override { quit(); }

private:
    std::unique_ptr<MainWindow> window;
};
} // namespace loopstage::app

START_JUCE_APPLICATION (loopstage::app::Application)
