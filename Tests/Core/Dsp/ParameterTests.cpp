// Dsp/ProcessorParameters: one description per built-in processor parameter.
#include "Dsp/ProcessorParameters.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>

using namespace loopstage::dsp;

namespace
{
template <typename Table>
void checkTable (const Table& table)
{
    std::set<std::string> ids, pluginIds;
    for (const auto& entry : table)
    {
        const auto& s = entry.spec;
        INFO (s.id);
        CHECK (ids.insert (s.id).second);
        CHECK (rangeProblem (s, s.defaultValue, 48000.0).empty());
        if (s.plugin.id != nullptr)
        {
            CHECK (pluginIds.insert (s.plugin.id).second);
            // Every position of a plug-in's control is a value the processor accepts.
            CHECK (rangeProblem (s, s.plugin.minimum, 44100.0).empty());
            CHECK (rangeProblem (s, s.plugin.maximum, 44100.0).empty());
            CHECK (s.plugin.minimum <= s.defaultValue);
            CHECK (s.defaultValue <= s.plugin.maximum);
        }
    }
}
} // namespace

TEST_CASE ("parameter tables: unique ids, defaults and plug-in ranges accepted", "[dsp]")
{
    checkTable (compressorParameters);
    checkTable (deEsserParameters);
    checkTable (limiterParameters);
    checkTable (eqBandParameters);
}

TEST_CASE ("the tables fill the settings the processors take", "[dsp]")
{
    const std::array<double, 6> c { -20.0, 4.0, 3.0, 2.0, 100.0, 1.5 };
    const auto s = settingsFrom<CompressorSettings> (compressorParameters, c);
    CHECK (s.thresholdDb == -20.0);
    CHECK (s.ratio == 4.0);
    CHECK (s.kneeDb == 3.0);
    CHECK (s.attackMs == 2.0);
    CHECK (s.releaseMs == 100.0);
    CHECK (s.makeupDb == 1.5);
    CHECK (findParameter (limiterParameters, "ceiling_dbtp")->plugin.id == std::string ("ceiling"));
    CHECK (findParameter (limiterParameters, "nothing") == nullptr);
}

TEST_CASE ("a value out of range is described with its range", "[dsp]")
{
    const auto& ceiling = *findParameter (limiterParameters, "ceiling_dbtp");
    CHECK (rangeProblem (ceiling, 0.5, 48000.0) == "must be at least -40 and at most 0 dBTP, not 0.5");
    CHECK (rangeProblem (ceiling, -40.0, 48000.0).empty());
    const auto& ratio = *findParameter (compressorParameters, "ratio");
    CHECK (rangeProblem (ratio, 0.5, 48000.0) == "must be at least 1, not 0.5");
    const auto& q = *findParameter (eqBandParameters, "q");
    CHECK (rangeProblem (q, 0.0, 48000.0) == "must be above 0, not 0");
    const auto& frequency = *findParameter (deEsserParameters, "frequency");
    CHECK (rangeProblem (frequency, 24000.0, 48000.0) == "must be above 0 and below 24000 Hz (half the sample rate), not 24000");
    CHECK (rangeProblem (frequency, 23999.0, 48000.0).empty());
    CHECK (rangeProblem (trimGain, -1000.0, 48000.0).empty());
}
