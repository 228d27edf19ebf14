#pragma once
/** SMPTE timecode labels, frame counts and audio sample positions.

    A frame count is the truth (frames since 00:00:00:00); timecode is its label. Drop-frame
    (29.97df, 59.94df) skips labels 0-1 (0-3 at 59.94) at the start of every minute except each
    tenth, so the label keeps pace with the wall clock. Labels wrap at 24 hours.
*/
#include "Timecode/FrameRate.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace loopstage::timecode
{
struct Timecode
{
    int hours = 0, minutes = 0, seconds = 0, frames = 0;
    bool operator== (const Timecode&) const = default;
};

/** Frame count to label; counts outside one day (or negative) wrap around 24 hours. */
Timecode toTimecode (std::int64_t frame, const FrameRate& rate) noexcept;

/** Label to frame count; throws InputError for labels that do not exist at `rate`
    (hours >= 24, frames >= the rate, a dropped label such as 00:01:00;00 at 29.97df). */
std::int64_t toFrames (const Timecode& tc, const FrameRate& rate);

/** "HH:MM:SS:FF", with ';' before the frames at drop-frame rates. */
std::string format (const Timecode& tc, const FrameRate& rate);
std::string formatFrames (std::int64_t frame, const FrameRate& rate);

/** Parses "HH:MM:SS:FF" (':' ';' '.' or ',' before frames). A ';' at a non-drop rate is
    refused, since it means the timecode was taken at another rate. Throws InputError. */
Timecode parse (std::string_view text, const FrameRate& rate);
std::int64_t parseFrames (std::string_view text, const FrameRate& rate);

/** Wraps a frame count into [0, framesPerDay). */
std::int64_t wrapToDay (std::int64_t frame, const FrameRate& rate) noexcept;

/** Exact audio position of a frame's start: frame × sampleRate × den / num, in samples.
    Fractional where the rates do not divide (29.97 at 48 kHz is 1601.6 samples a frame). */
double frameToSamples (std::int64_t frame, const FrameRate& rate, double sampleRate) noexcept;

/** The frame showing at an audio sample position (the frame whose start is at or before it). */
std::int64_t samplesToFrame (double samples, const FrameRate& rate, double sampleRate) noexcept;

/** Seconds from frame 0 to the start of `frame`. */
double frameToSeconds (std::int64_t frame, const FrameRate& rate) noexcept;
} // namespace loopstage::timecode
