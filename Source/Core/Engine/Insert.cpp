#include "Engine/Insert.h"
#include "Base/Error.h"

#include <cmath>

namespace loopstage::engine
{
namespace
{
    class DelayInsert final : public Insert
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

    class TrimInsert final : public Insert
    {
    public:
        explicit TrimInsert (double db) : gainDb (db), gain ((float) std::pow (10.0, db / 20.0)) {}
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
} // namespace

std::shared_ptr<Insert> makeInsert (const PlanInsert& plan, int channels)
{
    switch (plan.kind)
    {
        case PlanInsert::Kind::delay:
            if (plan.samples < 0 || plan.samples > 1 << 22)
                throw InputError ("insert '" + plan.id + "': delay must be 0.." + std::to_string (1 << 22) + " samples");
            return std::make_shared<DelayInsert> (channels, (int) plan.samples);
        case PlanInsert::Kind::trim:
            return std::make_shared<TrimInsert> (plan.gainDb);
    }
    throw InputError ("insert '" + plan.id + "': unknown kind");
}
} // namespace loopstage::engine
