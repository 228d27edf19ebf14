#include "Timecode/Timecode.h"
#include "Base/Error.h"

#include <cmath>
#include <cstdio>

namespace loopstage::timecode
{
namespace
{
    std::int64_t framesPerTenMinutes (const FrameRate& rate) noexcept
    {
        return 600LL * rate.nominal() - 9LL * rate.droppedPerMinute();
    }

    std::int64_t framesPerDroppedMinute (const FrameRate& rate) noexcept
    {
        return 60LL * rate.nominal() - rate.droppedPerMinute();
    }

    bool parseField (std::string_view text, int& value) noexcept
    {
        if (text.empty() || text.size() > 2)
            return false;
        value = 0;
        for (char c : text)
        {
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
} // namespace

std::int64_t wrapToDay (std::int64_t frame, const FrameRate& rate) noexcept
{
    const auto day = rate.framesPerDay();
    const auto wrapped = frame % day;
    return wrapped < 0 ? wrapped + day : wrapped;
}

Timecode toTimecode (std::int64_t frame, const FrameRate& rate) noexcept
{
    frame = wrapToDay (frame, rate);
    const int nominal = rate.nominal();

    if (rate.dropFrame)
    {
        // Re-insert the skipped labels: 9 drops per full ten minutes, plus one per elapsed
        // minute inside the current ten (the first minute of each ten keeps its labels).
        const int drop = rate.droppedPerMinute();
        const auto tens = frame / framesPerTenMinutes (rate);
        const auto rest = frame % framesPerTenMinutes (rate);
        frame += 9LL * drop * tens;
        if (rest > drop)
            frame += (std::int64_t) drop * ((rest - drop) / framesPerDroppedMinute (rate));
    }

    Timecode tc;
    tc.frames = (int) (frame % nominal);
    const auto totalSeconds = frame / nominal;
    tc.seconds = (int) (totalSeconds % 60);
    tc.minutes = (int) ((totalSeconds / 60) % 60);
    tc.hours = (int) (totalSeconds / 3600);
    return tc;
}

std::int64_t toFrames (const Timecode& tc, const FrameRate& rate)
{
    const int nominal = rate.nominal();
    const auto label = format (tc, rate);
    if (tc.hours < 0 || tc.hours >= 24 || tc.minutes < 0 || tc.minutes >= 60 || tc.seconds < 0
        || tc.seconds >= 60 || tc.frames < 0 || tc.frames >= nominal)
        throw InputError ("timecode " + label + " does not exist at " + rate.name() + " fps");

    const int drop = rate.droppedPerMinute();
    if (drop > 0 && tc.seconds == 0 && tc.frames < drop && tc.minutes % 10 != 0)
        throw InputError ("timecode " + label + " does not exist at " + rate.name()
                          + " (drop-frame skips frames 0-" + std::to_string (drop - 1)
                          + " at the start of each minute not divisible by ten)");

    const std::int64_t totalMinutes = 60LL * tc.hours + tc.minutes;
    const std::int64_t labels = ((3600LL * tc.hours + 60LL * tc.minutes + tc.seconds) * nominal) + tc.frames;
    return labels - (std::int64_t) drop * (totalMinutes - totalMinutes / 10);
}

std::string format (const Timecode& tc, const FrameRate& rate)
{
    char text[32];
    std::snprintf (text, sizeof (text), "%02d:%02d:%02d%c%02d", tc.hours, tc.minutes, tc.seconds,
                   rate.dropFrame ? ';' : ':', tc.frames);
    return text;
}

std::string formatFrames (std::int64_t frame, const FrameRate& rate)
{
    return format (toTimecode (frame, rate), rate);
}

Timecode parse (std::string_view text, const FrameRate& rate)
{
    const auto bad = [&] (const std::string& why) -> InputError {
        return InputError ("invalid timecode '" + std::string (text) + "': " + why);
    };

    // Fields are separated by ':' except the last, which may also be ';' '.' or ','.
    std::string_view fields[4];
    char lastSeparator = ':';
    size_t start = 0;
    for (int i = 0; i < 4; ++i)
    {
        if (i == 3)
        {
            fields[i] = text.substr (start);
            break;
        }
        const auto stop = text.find_first_of (":;.,", start);
        if (stop == std::string_view::npos)
            throw bad ("expected HH:MM:SS:FF");
        if (i < 2 && text[stop] != ':')
            throw bad ("expected HH:MM:SS:FF");
        if (i == 2)
            lastSeparator = text[stop];
        fields[i] = text.substr (start, stop - start);
        start = stop + 1;
    }

    Timecode tc;
    int* targets[4] = { &tc.hours, &tc.minutes, &tc.seconds, &tc.frames };
    for (int i = 0; i < 4; ++i)
        if (! parseField (fields[i], *targets[i]))
            throw bad ("expected two-digit fields HH:MM:SS:FF");

    if ((lastSeparator == ';' || lastSeparator == ',') && ! rate.dropFrame)
        throw bad ("drop-frame separator at non-drop rate " + rate.name());

    toFrames (tc, rate); // validates
    return tc;
}

std::int64_t parseFrames (std::string_view text, const FrameRate& rate)
{
    return toFrames (parse (text, rate), rate);
}

double frameToSamples (std::int64_t frame, const FrameRate& rate, double sampleRate) noexcept
{
    // Integer product first where the sample rate is whole, so common cases stay exact.
    if (sampleRate == std::floor (sampleRate))
    {
        const auto n = (long double) frame * (long double) sampleRate * (long double) rate.denominator;
        return (double) (n / (long double) rate.numerator);
    }
    return (double) frame * sampleRate * (double) rate.denominator / (double) rate.numerator;
}

std::int64_t samplesToFrame (double samples, const FrameRate& rate, double sampleRate) noexcept
{
    const long double frames = (long double) samples * rate.numerator / ((long double) sampleRate * rate.denominator);
    // A hair of tolerance so a sample position computed from a frame maps back to that frame.
    return (std::int64_t) std::floor (frames + 1e-9L);
}

double frameToSeconds (std::int64_t frame, const FrameRate& rate) noexcept
{
    return (double) ((long double) frame * rate.denominator / rate.numerator);
}
} // namespace loopstage::timecode
