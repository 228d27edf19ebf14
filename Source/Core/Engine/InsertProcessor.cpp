#include "Engine/InsertProcessor.h"
#include "Base/Error.h"
#include "Dsp/Decibels.h"
#include "Dsp/ProcessorParameters.h"
#include "Dsp/TruePeakLimiter.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

namespace loopstage::engine
{
namespace
{
    class DelayInsert final : public InsertProcessor
    {
    public:
        DelayInsert (int channels, int samples) : line (channels, samples) {}
        std::string configKey() const override
        {
            return "delay:" + std::to_string (line.channels()) + ":" + std::to_string (line.delay());
        }
        int latency() const noexcept override { return line.delay(); }
        void process (float* const* channels, int, int count) noexcept override { line.process (channels, count); }

    private:
        DelayLine line;
    };

    class TrimInsert final : public InsertProcessor
    {
    public:
        explicit TrimInsert (double db) : gainDb (db), gain ((float) dsp::dbToGain (db)) {}
        std::string configKey() const override { return "trim:" + std::to_string (gainDb); }
        int latency() const noexcept override { return 0; }
        void process (float* const* channels, int numChannels, int count) noexcept override
        {
            for (int c = 0; c < numChannels; ++c)
                for (int i = 0; i < count; ++i)
                    channels[c][i] *= gain;
        }

    private:
        double gainDb;
        float gain;
    };
    class EqInsert final : public InsertProcessor
    {
    public:
        EqInsert (const PlanInsert& plan, int channels, double sampleRate) : eq (plan.bands, channels, sampleRate)
        {
            std::ostringstream k;
            k.precision (17);
            k << "eq:" << channels << ":" << sampleRate;
            for (auto& b : plan.bands)
                k << ":" << (int) b.type << "," << b.frequency << "," << b.gainDb << "," << b.q;
            key = k.str();
        }
        std::string configKey() const override { return key; }
        int latency() const noexcept override { return 0; }
        void process (float* const* channels, int numChannels, int count) noexcept override { eq.process (channels, numChannels, count); }

    private:
        dsp::Equaliser eq;
        std::string key;
    };

    /** A built-in made from a settings value (compressor, de-esser). Its key lists the settings
        in parameter-table order, so any change makes a fresh instance. */
    template <typename Processor, typename Settings, size_t n>
    class SettingsInsert final : public InsertProcessor
    {
    public:
        SettingsInsert (const char* name, const std::array<dsp::SettingSpec<Settings>, n>& table, const Settings& s,
                        double sampleRate)
            : processor (s, sampleRate)
        {
            std::ostringstream k;
            k.precision (17);
            k << name << ":" << sampleRate << ":";
            for (size_t i = 0; i < n; ++i)
                k << (i == 0 ? "" : ",") << s.*(table[i].field);
            key = k.str();
        }
        std::string configKey() const override { return key; }
        int latency() const noexcept override { return 0; }
        void process (float* const* channels, int numChannels, int count) noexcept override
        {
            processor.process (channels, numChannels, count);
        }

    private:
        Processor processor;
        std::string key;
    };

    /** Stands for a plug-in that cannot be hosted here: passes the signal through. */
    class PassThroughInsert final : public InsertProcessor
    {
    public:
        explicit PassThroughInsert (std::string plugin) : key ("pass-through:" + plugin) {}
        std::string configKey() const override { return key; }
        int latency() const noexcept override { return 0; }
        void process (float* const*, int, int) noexcept override {}

    private:
        std::string key;
    };

    PluginHost& installedHost()
    {
        static PluginHost host;
        return host;
    }

    /** The delivery limiter on a strip: one gain for all its channels, latency = look-ahead. */
    class LimiterInsert final : public InsertProcessor
    {
    public:
        LimiterInsert (const PlanInsert& plan, int channels, double sampleRate)
        {
            const auto& s = plan.limiter;
            limiter.prepare (channels, sampleRate, maxChunk, s.ceilingDbtp, s.lookaheadMs, s.releaseMs);
            std::ostringstream k;
            k.precision (17);
            k << "limiter:" << sampleRate << ":" << channels << ":" << s.ceilingDbtp << "," << s.lookaheadMs << "," << s.releaseMs;
            key = k.str();
        }
        std::string configKey() const override { return key; }
        int latency() const noexcept override { return limiter.latencySamples(); }
        void process (float* const* channels, int numChannels, int count) noexcept override
        {
            // The limiter was prepared for blocks of maxChunk: longer offline blocks go in pieces.
            float* pieces[maxChannels];
            for (int done = 0; done < count; done += maxChunk)
            {
                for (int c = 0; c < numChannels && c < maxChannels; ++c)
                    pieces[c] = channels[c] + done;
                limiter.process (pieces, std::min (maxChunk, count - done));
            }
        }

    private:
        static constexpr int maxChunk = 4096, maxChannels = 16;
        dsp::TruePeakLimiter limiter;
        std::string key;
    };
} // namespace

std::shared_ptr<InsertProcessor> makeInsert (const PlanInsert& plan, int channels, double sampleRate)
{
    switch (plan.kind)
    {
        case PlanInsert::Kind::delay:
            if (plan.samples < 0 || plan.samples > dsp::maxDelaySamples)
                throw InputError ("insert '" + plan.id + "': delay must be 0.." + std::to_string (dsp::maxDelaySamples) + " samples");
            return std::make_shared<DelayInsert> (channels, (int) plan.samples);
        case PlanInsert::Kind::trim:
            return std::make_shared<TrimInsert> (plan.gainDb);
        case PlanInsert::Kind::eq:
            return std::make_shared<EqInsert> (plan, channels, sampleRate);
        case PlanInsert::Kind::compressor:
            return std::make_shared<SettingsInsert<dsp::Compressor, dsp::CompressorSettings, 6>> (
                "compressor", dsp::compressorParameters, plan.compressor, sampleRate);
        case PlanInsert::Kind::deesser:
            return std::make_shared<SettingsInsert<dsp::DeEsser, dsp::DeEsserSettings, 6>> (
                "deesser", dsp::deEsserParameters, plan.deesser, sampleRate);
        case PlanInsert::Kind::limiter:
        {
            for (const auto& entry : dsp::limiterParameters)
                if (const auto problem = dsp::rangeProblem (entry.spec, plan.limiter.*(entry.field), sampleRate); ! problem.empty())
                    throw InputError ("insert '" + plan.id + "': limiter parameter '" + entry.spec.id + "' " + problem);
            if (channels > 16)
                throw InputError ("insert '" + plan.id + "': the limiter takes at most 16 channels");
            return std::make_shared<LimiterInsert> (plan, channels, sampleRate);
        }
        case PlanInsert::Kind::lv2:
        case PlanInsert::Kind::vst3:
            if (auto* host = pluginHost(); host != nullptr && host->make)
                return host->make (plan, channels, sampleRate);
            return std::make_shared<PassThroughInsert> (plan.plugin);
    }
    throw InputError ("insert '" + plan.id + "': unknown kind");
}

std::string insertKey (const PlanInsert& plan, int channels, double sampleRate)
{
    if (plan.kind == PlanInsert::Kind::lv2 || plan.kind == PlanInsert::Kind::vst3)
        if (auto* host = pluginHost(); host != nullptr && host->key)
            return host->key (plan, channels, sampleRate);
    return makeInsert (plan, channels, sampleRate)->configKey();
}

void setPluginHost (PluginHost host)
{
    installedHost() = std::move (host);
}

const PluginHost* pluginHost() noexcept
{
    auto& host = installedHost();
    return host.make ? &host : nullptr;
}
} // namespace loopstage::engine
