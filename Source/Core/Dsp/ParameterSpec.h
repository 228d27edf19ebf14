#pragma once
/** How a built-in processor's parameter is described, once, for every face that shows or stores
    it: the session (its key and accepted range), the engine's plan, and LoopStage's own plug-ins
    (their VST3/LV2 parameters). Tables: ProcessorParameters.h.
*/
#include <string>

namespace loopstage::dsp
{
/** A parameter as a plug-in exposes it (juce::AudioParameterFloat). The id is part of the state
    other hosts save, so it never changes; the range is the control's (within the accepted one). */
struct PluginControl
{
    const char* id = nullptr;   ///< nullptr: the plug-in has no such parameter
    float minimum = 0.0f, maximum = 1.0f, interval = 0.0f, skew = 1.0f;
};

struct ParameterSpec
{
    const char* id;            ///< the session's key, e.g. "threshold_db"
    const char* name;          ///< shown to people, e.g. "Threshold"
    const char* unit;          ///< "dB", "ms", "Hz", ":1" or ""
    double defaultValue;       ///< the processor's settings default
    double minimum, maximum;   ///< what the processor accepts (±infinity: no bound)
    bool minimumExclusive = false;   ///< the value must be above `minimum` (a Q above 0)
    bool belowNyquist = false;       ///< a frequency: also below half the sample rate
    PluginControl plugin {};
};

/** Empty when `value` is within the spec's accepted range at `sampleRate`, else the range in
    words ("must be between -40 and 0 dBTP"). Not realtime (builds a string). */
std::string rangeProblem (const ParameterSpec& spec, double value, double sampleRate);

/** A parameter and the settings field it sets. */
template <typename Settings>
struct SettingSpec
{
    ParameterSpec spec;
    double Settings::*field;
};

/** Settings from one value per entry of `table` (in table order), e.g. a plug-in's parameters.
    @realtime */
template <typename Settings, typename Table, typename Values>
Settings settingsFrom (const Table& table, const Values& values) noexcept
{
    Settings s;
    for (size_t i = 0; i < table.size(); ++i)
        s.*(table[i].field) = (double) values[i];
    return s;
}
} // namespace loopstage::dsp
