#include "Timecode/FrameRate.h"
#include "Base/Error.h"

namespace loopstage::timecode
{
namespace
{
    struct NamedRate
    {
        const char* name;
        FrameRate rate;
    };

    const std::vector<NamedRate>& namedRates()
    {
        static const std::vector<NamedRate> rates {
            { "23.976", { 24000, 1001, false } }, { "24", { 24, 1, false } },
            { "25", { 25, 1, false } },           { "29.97", { 30000, 1001, false } },
            { "29.97df", { 30000, 1001, true } }, { "30", { 30, 1, false } },
            { "47.952", { 48000, 1001, false } }, { "48", { 48, 1, false } },
            { "50", { 50, 1, false } },           { "59.94", { 60000, 1001, false } },
            { "59.94df", { 60000, 1001, true } }, { "60", { 60, 1, false } },
        };
        return rates;
    }
} // namespace

int FrameRate::nominal() const noexcept
{
    return (int) ((numerator + denominator - 1) / denominator);
}

int FrameRate::droppedPerMinute() const noexcept
{
    return dropFrame ? nominal() / 15 : 0;
}

std::int64_t FrameRate::framesPerDay() const noexcept
{
    const std::int64_t labelsPerDay = 24LL * 3600 * nominal();
    // Every minute but each tenth drops its labels: 24 h = 1440 minutes, 144 of them kept.
    return labelsPerDay - (std::int64_t) droppedPerMinute() * (1440 - 144);
}

std::string FrameRate::name() const
{
    for (auto& n : namedRates())
        if (n.rate == *this)
            return n.name;
    return std::to_string (numerator) + "/" + std::to_string (denominator) + (dropFrame ? "df" : "");
}

FrameRate FrameRate::parse (std::string_view text)
{
    std::string name (text);
    if (name == "23.98")
        name = "23.976";
    if (name == "29.97ndf" || name == "59.94ndf")
        name = name.substr (0, name.size() - 3);
    for (auto& n : namedRates())
        if (name == n.name)
            return n.rate;

    std::string known;
    for (auto& n : namedRates())
        known += (known.empty() ? "" : " ") + std::string (n.name);
    if (name.size() > 2 && name.substr (name.size() - 2) == "df")
        throw InputError ("frame rate '" + name + "' has no drop-frame form (drop-frame exists only at 29.97 and 59.94)");
    throw InputError ("unknown frame rate '" + name + "' (known: " + known + ")");
}

const std::vector<FrameRate>& FrameRate::all()
{
    static const std::vector<FrameRate> rates = [] {
        std::vector<FrameRate> r;
        for (auto& n : namedRates())
            r.push_back (n.rate);
        return r;
    }();
    return rates;
}
} // namespace loopstage::timecode
