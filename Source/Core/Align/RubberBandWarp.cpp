#include "Align/RubberBandWarp.h"
#include "Align/Resample.h"

#include <rubberband/RubberBandStretcher.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace loopstage::align
{
void renderWarped (const audio::AudioBuffer& take, int takeRate, const AlignmentResult& alignment,
                   audio::AudioBuffer& rendered, Progress& progress)
{
    const int rate = (int) rendered.sampleRate;
    const auto outFrames = rendered.numFrames();
    const int channels = take.numChannels();
    const double guideLength = (double) outFrames / rate;
    const double takeStart = takeTimeAt (alignment, 0.0);
    const double takeEnd = takeTimeAt (alignment, guideLength);
    const auto inFrames = std::max<std::int64_t> (1, std::llround ((takeEnd - takeStart) * rate));

    // The stretch input: the span of the take the map uses, at the guide's rate.
    const Resampler toGuide (takeRate, rate, takeStart * takeRate);
    std::vector<std::vector<float>> input ((size_t) channels, std::vector<float> ((size_t) inFrames));
    for (int c = 0; c < channels; ++c)
        toGuide.process (take.channels[(size_t) c].data(), take.numFrames(), 0, inFrames,
                         input[(size_t) c].data());

    using RubberBand::RubberBandStretcher;
    RubberBandStretcher stretcher ((size_t) rate, (size_t) channels,
                                   RubberBandStretcher::OptionProcessOffline
                                       | RubberBandStretcher::OptionEngineFaster   // R3 misplaced keyed output (3.1.2)
                                       | RubberBandStretcher::OptionFormantPreserved
                                       | RubberBandStretcher::OptionPitchHighQuality);
    stretcher.setTimeRatio ((double) outFrames / (double) inFrames);
    stretcher.setExpectedInputDuration ((size_t) inFrames);
    std::map<size_t, size_t> keyFrames;
    std::int64_t lastIn = 0, lastOut = 0;
    for (const auto& p : alignment.warp)
    {
        const auto in = std::llround ((p.takeSeconds - takeStart) * rate);
        const auto out = std::llround (p.guideSeconds * rate);
        // Rubber Band keys whole analysis chunks (a few hundred samples): closer points, as on a
        // nearly flat stretch across a shortened gap, would be ignored with a warning.
        const std::int64_t minStep = 1024;
        if (in >= lastIn + minStep && out >= lastOut + minStep && in < inFrames && out < outFrames)
        {
            keyFrames[(size_t) in] = (size_t) out;
            lastIn = in;
            lastOut = out;
        }
    }
    stretcher.setKeyFrameMap (keyFrames);

    const std::int64_t block = 8192;
    std::vector<const float*> in ((size_t) channels);
    for (std::int64_t pos = 0; pos < inFrames; pos += block)
    {
        const auto n = std::min (block, inFrames - pos);
        for (int c = 0; c < channels; ++c)
            in[(size_t) c] = input[(size_t) c].data() + pos;
        stretcher.study (in.data(), (size_t) n, pos + n >= inFrames);
    }

    std::int64_t written = 0;
    std::vector<float*> out ((size_t) channels);
    auto drain = [&]
    {
        for (;;)
        {
            const int available = stretcher.available();
            if (available <= 0 || written >= outFrames)
                break;
            const auto n = std::min<std::int64_t> (available, outFrames - written);
            for (int c = 0; c < channels; ++c)
                out[(size_t) c] = rendered.channels[(size_t) c].data() + written;
            stretcher.retrieve (out.data(), (size_t) n);
            written += n;
            if (n < available)
            {
                // Past the guide's length: discard the rest.
                std::vector<std::vector<float>> sink ((size_t) channels, std::vector<float> ((size_t) (available - n)));
                std::vector<float*> s;
                for (auto& v : sink)
                    s.push_back (v.data());
                stretcher.retrieve (s.data(), (size_t) (available - n));
            }
        }
    };
    for (std::int64_t pos = 0; pos < inFrames; pos += block)
    {
        const auto n = std::min (block, inFrames - pos);
        for (int c = 0; c < channels; ++c)
            in[(size_t) c] = input[(size_t) c].data() + pos;
        stretcher.process (in.data(), (size_t) n, pos + n >= inFrames);
        drain();
        progress.update ((double) (pos + n) / (double) inFrames, "warp");
    }
    drain();
}
} // namespace loopstage::align
