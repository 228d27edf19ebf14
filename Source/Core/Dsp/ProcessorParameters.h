#pragma once
/** The built-in processors' parameters, described once (ParameterSpec.h) for the session (keys,
    accepted ranges: mix::sessionToPlan refuses a value outside them), the session's list of
    built-in names (session::validate) and LoopStage's own plug-ins (their VST3/LV2 parameter
    layouts). Defaults are the settings structs' own.

    Accepted ranges are what each processor takes: a bound exists where a value has no meaning
    (a ratio under 1, a negative time, a frequency at or past Nyquist) or where the engine
    already refused it (the limiter's and the delay's ranges). A plug-in's control range is
    narrower, a slider's worth; it was published with the plug-in and stays as it was.
*/
#include "Dsp/Compressor.h"
#include "Dsp/DeEsser.h"
#include "Dsp/EqBand.h"
#include "Dsp/ParameterSpec.h"
#include "Dsp/TruePeakLimiter.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

namespace loopstage::dsp
{
/** No bound on that side. */
inline constexpr double unbounded = std::numeric_limits<double>::infinity();

inline constexpr std::array<SettingSpec<CompressorSettings>, 6> compressorParameters { {
    { { "threshold_db", "Threshold", "dB", CompressorSettings {}.thresholdDb, -unbounded, unbounded, false, false, { "threshold", -60.0f, 0.0f, 0.01f, 1.0f } }, &CompressorSettings::thresholdDb },
    { { "ratio", "Ratio", ":1", CompressorSettings {}.ratio, 1.0, unbounded, false, false, { "ratio", 1.0f, 20.0f, 0.01f, 0.5f } }, &CompressorSettings::ratio },
    { { "knee_db", "Knee", "dB", CompressorSettings {}.kneeDb, 0.0, unbounded, false, false, { "knee", 0.0f, 24.0f, 0.01f, 1.0f } }, &CompressorSettings::kneeDb },
    { { "attack_ms", "Attack", "ms", CompressorSettings {}.attackMs, 0.0, unbounded, false, false, { "attack", 0.0f, 500.0f, 0.01f, 0.4f } }, &CompressorSettings::attackMs },
    { { "release_ms", "Release", "ms", CompressorSettings {}.releaseMs, 0.0, unbounded, false, false, { "release", 1.0f, 5000.0f, 0.1f, 0.3f } }, &CompressorSettings::releaseMs },
    { { "makeup_db", "Make-up", "dB", CompressorSettings {}.makeupDb, -unbounded, unbounded, false, false, { "makeup", -24.0f, 24.0f, 0.01f, 1.0f } }, &CompressorSettings::makeupDb },
} };

inline constexpr std::array<SettingSpec<DeEsserSettings>, 6> deEsserParameters { {
    { { "frequency", "Frequency", "Hz", DeEsserSettings {}.frequency, 0.0, unbounded, true, true, { "frequency", 1000.0f, 16000.0f, 1.0f, 0.5f } }, &DeEsserSettings::frequency },
    { { "q", "Q", "", DeEsserSettings {}.q, 0.0, unbounded, true, false, { "q", 0.3f, 10.0f, 0.01f, 0.5f } }, &DeEsserSettings::q },
    { { "threshold_db", "Threshold", "dB", DeEsserSettings {}.thresholdDb, -unbounded, unbounded, false, false, { "threshold", -60.0f, 0.0f, 0.01f, 1.0f } }, &DeEsserSettings::thresholdDb },
    { { "ratio", "Ratio", ":1", DeEsserSettings {}.ratio, 1.0, unbounded, false, false, { "ratio", 1.0f, 20.0f, 0.01f, 0.5f } }, &DeEsserSettings::ratio },
    { { "attack_ms", "Attack", "ms", DeEsserSettings {}.attackMs, 0.0, unbounded, false, false, { "attack", 0.0f, 50.0f, 0.01f, 0.4f } }, &DeEsserSettings::attackMs },
    { { "release_ms", "Release", "ms", DeEsserSettings {}.releaseMs, 0.0, unbounded, false, false, { "release", 1.0f, 1000.0f, 0.1f, 0.4f } }, &DeEsserSettings::releaseMs },
} };

/** The plug-in's look-ahead is fixed (its latency is reported once), so it has no control. */
inline constexpr std::array<SettingSpec<LimiterSettings>, 3> limiterParameters { {
    { { "ceiling_dbtp", "Ceiling", "dBTP", LimiterSettings {}.ceilingDbtp, -40.0, 0.0, false, false, { "ceiling", -40.0f, 0.0f, 0.01f, 1.0f } }, &LimiterSettings::ceilingDbtp },
    { { "lookahead_ms", "Look-ahead", "ms", LimiterSettings {}.lookaheadMs, 0.5, 50.0, false, false, {} }, &LimiterSettings::lookaheadMs },
    { { "release_ms", "Release", "ms", LimiterSettings {}.releaseMs, 1.0, 5000.0, false, false, { "release", 1.0f, 5000.0f, 0.1f, 0.3f } }, &LimiterSettings::releaseMs },
} };

/** One equaliser band's numbers; its "type" is one of eqBandTypes. */
inline constexpr std::array<SettingSpec<EqBand>, 3> eqBandParameters { {
    { { "frequency", "Frequency", "Hz", EqBand {}.frequency, 0.0, unbounded, true, true }, &EqBand::frequency },
    { { "gain_db", "Gain", "dB", EqBand {}.gainDb, -unbounded, unbounded }, &EqBand::gainDb },
    { { "q", "Q", "", EqBand {}.q, 0.0, unbounded, true, false }, &EqBand::q },
} };

struct EqBandTypeName
{
    const char* name;
    EqBand::Type type;
};
inline constexpr std::array<EqBandTypeName, 5> eqBandTypes { {
    { "high-pass", EqBand::Type::highPass },
    { "low-shelf", EqBand::Type::lowShelf },
    { "peak", EqBand::Type::peak },
    { "high-shelf", EqBand::Type::highShelf },
    { "low-pass", EqBand::Type::lowPass },
} };

inline constexpr ParameterSpec trimGain { "gain_db", "Gain", "dB", 0.0, -unbounded, unbounded };

/** A pure delay (what a look-ahead plug-in does to the timing): in samples, or in seconds. */
inline constexpr std::int64_t maxDelaySamples = 1 << 22;
inline constexpr ParameterSpec delaySamples { "samples", "Delay", "samples", 0.0, 0.0, (double) maxDelaySamples };
inline constexpr ParameterSpec delaySeconds { "seconds", "Delay", "s", 0.0, 0.0, unbounded };

/** The built-in processors' names, as a session's insert names them. */
inline constexpr std::array<std::string_view, 6> builtinProcessors { "eq", "compressor", "deesser", "limiter", "trim", "delay" };

/** The entry of `table` whose session id is `id`, or nullptr. */
template <typename Table>
constexpr const ParameterSpec* findParameter (const Table& table, std::string_view id) noexcept
{
    for (const auto& entry : table)
        if (id == entry.spec.id)
            return &entry.spec;
    return nullptr;
}
} // namespace loopstage::dsp
