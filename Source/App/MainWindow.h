#pragma once
/** The main window: one tab per stage of the job (Session, ADR, Mix, Edit, Grade, Deliver).
    Pages draw Core state; they own no logic of their own. */
#include <juce_gui_extra/juce_gui_extra.h>

namespace loopstage::app
{
class MainWindow : public juce::DocumentWindow
{
public:
    /** Opens `sessionFile` when it is not the default File(). */
    explicit MainWindow (const juce::File& sessionFile);

    void closeButtonPressed() override;

    /** Brings the named page to the front ("session", "adr", "mix", ...; case-insensitive). */
    void showPage (const juce::String& name);

    /** The content to capture for screenshots. */
    juce::Component& content();

private:
    juce::TabbedComponent* tabs = nullptr;
};
} // namespace loopstage::app
