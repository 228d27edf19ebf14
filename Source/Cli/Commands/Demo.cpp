// loopstage demo: the whole job on the bundled demo scene (Assets/demo), end to end.
#include "CommandTable.h"
#include "Base/Error.h"
#include "Base/Subprocess.h"
#include "AudioFile/AudioFileReader.h"

#include <cstdlib>
#include <filesystem>

namespace loopstage::cli
{
namespace
{
    namespace fs = std::filesystem;

    /** Assets/demo in the source tree (LOOPSTAGE_ASSETS overrides, for installed copies). */
    fs::path demoAssets()
    {
        if (const char* assets = std::getenv ("LOOPSTAGE_ASSETS"))
            return fs::path (assets) / "demo";
        return fs::path (LOOPSTAGE_SOURCE_DIR) / "Assets" / "demo";
    }

    void makeMedia (const fs::path& outDir, const Output& out)
    {
        const auto script = demoAssets() / "make-media.sh";
        if (! fs::exists (script))
            throwFileError (script, "demo assets not found (set LOOPSTAGE_ASSETS to the Assets folder)");
        auto result = runSubprocess ({ "bash", script.string(), outDir.string() }, ! out.quiet);
        if (result.exitCode != 0)
            throw InputError ("making the demo media failed (" + script.string() + " exited with "
                              + std::to_string (result.exitCode) + ")" + (result.err.empty() ? "" : ": " + result.err));
    }

    Json describeAudio (const fs::path& file, const fs::path& base)
    {
        const auto info = audio::probeAudio (file);
        return { { "file", fs::relative (file, base).string() }, { "sample_rate", info.sampleRate },
                 { "channels", info.channels }, { "duration", info.durationSeconds() } };
    }

    int runDemo (const Args& args, Output& out)
    {
        args.expectPositionals (0, 0);
        const fs::path outDir = args.value ("out").value_or ("demo-out");
        fs::create_directories (outDir);

        makeMedia (outDir, out);

        Json media = Json::array();
        std::string human = "demo scene \"Night Shift\" in " + outDir.string() + "\n\nmedia:\n";
        std::vector<fs::path> files;
        for (auto& entry : fs::recursive_directory_iterator (outDir / "media"))
            if (entry.path().extension() == ".wav")
                files.push_back (entry.path());
        std::sort (files.begin(), files.end());
        for (auto& f : files)
        {
            auto item = describeAudio (f, outDir);
            human += "  " + item["file"].get<std::string>() + "  " + fixed (item["duration"].get<double>(), 2) + " s\n";
            media.push_back (std::move (item));
        }
        human += "  media/picture.mp4  (picture, 01:00:00:00 at 23.976 fps)\n";
        out.result ({ { "out", outDir.string() }, { "media", media } }, human);
        return exitOk;
    }

    const Command demoCommand {
        "demo",
        "build the demo scene and run the whole job on it",
        "usage: loopstage demo [--out DIR] [--json] [--quiet]\n"
        "\n"
        "Makes the demo scene \"Night Shift\" from Assets/demo (picture with burnt-in timecode,\n"
        "production dialogue, two ADR takes per line, effects, an original score and one\n"
        "deliberately unlicensed source cue) in DIR (default demo-out), then runs the job on it.\n"
        "\n"
        "JSON: {\"out\", \"media\": [{\"file\", \"sample_rate\", \"channels\", \"duration\"}]}",
        { .values = { "out" } },
        runDemo,
        90,
    };
    const CommandRegistration registerDemo (demoCommand);
} // namespace
} // namespace loopstage::cli
