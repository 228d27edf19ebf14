#include "Support/MediaFactory.h"
#include "Support/Process.h"

#include <sstream>
#include <vector>

namespace loopstage::test
{
std::filesystem::path makeSource (const TempDir& dir, const std::string& name, int channels, double seconds,
                                  const std::string& synth, double volume, const SourceFormat& format)
{
    const auto file = dir / (name + ".wav");
    std::vector<std::string> args { "sox", "-R", "-n", "-r", std::to_string ((int) format.sampleRate), "-c", std::to_string (channels) };
    if (format.bits == 32)
        args.insert (args.end(), { "-e", "floating-point" });
    args.insert (args.end(), { "-b", std::to_string (format.bits), file.string(), "synth", std::to_string (seconds) });
    std::istringstream words (synth);
    for (std::string word; words >> word;)
        args.push_back (word);
    args.insert (args.end(), { "vol", std::to_string (volume) });
    runOrFail (args);
    return file;
}
} // namespace loopstage::test
