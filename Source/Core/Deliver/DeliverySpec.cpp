#include "Deliver/DeliverySpec.h"
#include "Base/Error.h"

namespace loopstage::deliver
{
namespace
{
    std::vector<DeliverySpec> table()
    {
        DeliverySpec ebu { .name = "ebu-r128", .targetLufs = -23, .toleranceLu = 0.5, .ceilingDbtp = -1 };
        DeliverySpec atsc { .name = "atsc-a85", .targetLufs = -24, .toleranceLu = 2, .ceilingDbtp = -2 };
        atsc.sampleRate = 48000;
        DeliverySpec netflix { .name = "netflix", .targetLufs = -27, .toleranceLu = 2, .ceilingDbtp = -2,
                               .measure = Measure::dialogue, .minSpeechPercent = 15, .fallbackTargetLufs = -24 };
        netflix.lraMinLu = 4;
        netflix.lraMaxLu = 18;
        netflix.sampleRate = 48000;
        netflix.bitDepth = 24;
        DeliverySpec apple { .name = "apple-podcasts", .targetLufs = -16, .toleranceLu = 1, .ceilingDbtp = -1 };
        DeliverySpec spotify { .name = "spotify", .targetLufs = -14, .toleranceLu = 1, .ceilingDbtp = -1 };
        return { ebu, atsc, netflix, apple, spotify };
    }
} // namespace

DeliverySpec findSpec (const std::string& name)
{
    for (auto& s : table())
        if (s.name == name)
            return s;
    throw InputError ("unknown delivery spec '" + name + "' (known: " + specNames() + ")");
}

std::vector<DeliverySpec> allSpecs()
{
    return table();
}

std::string specNames()
{
    std::string names;
    for (auto& s : table())
        names += (names.empty() ? "" : ", ") + s.name;
    return names;
}
} // namespace loopstage::deliver
