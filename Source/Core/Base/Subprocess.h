#pragma once
/** Runs another program and collects what it printed.

    LoopStage drives real tools where they are the right tool (ffmpeg/sox/espeak-ng make the
    demo's media; tests cross-check against ffprobe and sndfile-info). Not for the audio thread.
*/
#include <string>
#include <vector>

namespace loopstage
{
struct SubprocessResult
{
    int exitCode = -1;   ///< the program's exit code, 128+signal if killed, -1 if it never started
    std::string out, err;
};

/** Runs argv[0] (searched in PATH) with the rest as arguments, stdin from /dev/null, and waits.
    With `passThroughStderr`, the child's stderr goes straight to ours (progress stays visible)
    and `err` stays empty. */
SubprocessResult runSubprocess (const std::vector<std::string>& argv, bool passThroughStderr = false);
} // namespace loopstage
