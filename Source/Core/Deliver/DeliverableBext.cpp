#include "Deliver/DeliverableBext.h"

#include <cmath>
#include <ctime>
#include <string>

namespace loopstage::deliver
{
namespace
{
    std::string utcNow (const char* pattern)
    {
        const std::time_t now = std::time (nullptr);
        std::tm parts {};
        gmtime_r (&now, &parts);
        char text[32] = {};
        std::strftime (text, sizeof (text), pattern, &parts);
        return text;
    }

    std::optional<double> hundredths (std::optional<double> v)
    {
        // The fields hold value x 100 as int16: round as the file will, keep what fits.
        if (! v || ! std::isfinite (*v) || std::abs (*v) > 327.0)
            return std::nullopt;
        return std::round (*v * 100.0) / 100.0;
    }
} // namespace

audio::BextChunk deliverableBext (std::optional<audio::BextChunk> source, const loudness::LoudnessReport& written,
                                  audio::SampleFormat format, std::string_view step)
{
    audio::BextChunk b = source.value_or (audio::BextChunk {});
    if (b.originator.empty())
        b.originator = "LoopStage";
    if (b.originationDate.empty() || b.originationDate == "0000-00-00")
    {
        b.originationDate = utcNow ("%Y-%m-%d");
        b.originationTime = utcNow ("%H:%M:%S");
    }
    if (b.originationTime.empty())
        b.originationTime = utcNow ("%H:%M:%S");
    b.version = 2;
    b.loudnessValue = hundredths (written.integratedLufs);
    b.loudnessRange = hundredths (written.lraLu);
    b.maxTruePeakLevel = hundredths (written.truePeakDbtp);
    b.maxMomentaryLoudness = hundredths (written.momentaryMaxLufs);
    b.maxShortTermLoudness = hundredths (written.shortTermMaxLufs);

    const int bits = audio::bitDepth (format);
    const std::string mode = written.channels == 1 ? "mono" : written.channels == 2 ? "stereo" : "multichannel";
    b.codingHistory += "A=PCM,F=" + std::to_string ((int) std::lround (written.sampleRate)) + ",W=" + std::to_string (bits)
                     + ",M=" + mode + ",T=LoopStage " + std::string (step) + "\r\n";
    return b;
}
} // namespace loopstage::deliver
