#include "MainWindow.h"
#include "Pages/Pages.h"
#include "Widgets/Theme.h"

namespace loopstage::app
{
MainWindow::MainWindow (const juce::File& sessionFile)
    : DocumentWindow ("LoopStage", theme::background, DocumentWindow::allButtons)
{
    setUsingNativeTitleBar (false);
    auto* tabbed = new juce::TabbedComponent (juce::TabbedButtonBar::TabsAtTop);
    tabbed->setTabBarDepth (34);
    for (auto& page : createPages (openSession (sessionFile)))
        tabbed->addTab (page.title, theme::panel, page.component.release(), true);
    tabs = tabbed;
    setContentOwned (tabbed, false);
    setResizable (true, false);
    centreWithSize (1280, 760);
    setName (sessionFile == juce::File() ? "LoopStage" : "LoopStage - " + sessionFile.getFileName());
    setVisible (true);
}

void MainWindow::closeButtonPressed()
{
    juce::JUCEApplication::getInstance()->systemRequestedQuit();
}

void MainWindow::showPage (const juce::String& name)
{
    for (int i = 0; i < tabs->getNumTabs(); ++i)
        if (tabs->getTabNames()[i].equalsIgnoreCase (name))
            tabs->setCurrentTabIndex (i);
}

juce::Component& MainWindow::content()
{
    return *this;
}
} // namespace loopstage::app
