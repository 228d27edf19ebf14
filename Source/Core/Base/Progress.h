#pragma once
/** How long Core work reports progress without knowing who listens.

    The CLI draws a bar on a terminal's stderr, the GUI a progress window, tests nothing.
    Called on the worker thread doing the job, never on the audio thread.
*/
#include <string_view>

namespace loopstage
{
class Progress
{
public:
    virtual ~Progress() = default;
    /** fraction in 0..1 of `stage`; return false to ask the job to stop early. */
    virtual bool update (double fraction, std::string_view stage) { return true; }

    /** A listener that ignores everything (headless default). */
    static Progress& none() noexcept
    {
        static Progress silent;
        return silent;
    }
};
} // namespace loopstage
