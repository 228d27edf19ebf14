#include "Args.h"
#include "Base/Error.h"

#include <charconv>

namespace loopstage::cli
{
Args::Args (const std::vector<std::string>& argv, const ArgSpec& spec)
{
    for (size_t i = 0; i < argv.size(); ++i)
    {
        const auto& a = argv[i];
        // A lone "-" or a negative number ("-0.5") is a value, not an option.
        const bool looksLikeOption = a.size() > 2 && a.rfind ("--", 0) == 0;
        if (! looksLikeOption)
        {
            positionals.push_back (a);
            continue;
        }

        auto name = a.substr (2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find ('='); eq != std::string::npos)
        {
            inlineValue = name.substr (eq + 1);
            name = name.substr (0, eq);
        }

        if (name == "json" || name == "quiet" || name == "help" || spec.flags.count (name))
        {
            if (inlineValue)
                throw UsageError ("option --" + name + " takes no value");
            flagsSeen.insert (name);
        }
        else if (spec.values.count (name) || spec.repeatable.count (name))
        {
            if (! inlineValue && i + 1 >= argv.size())
                throw UsageError ("option --" + name + " needs a value");
            if (! spec.repeatable.count (name) && valuesSeen.count (name))
                throw UsageError ("option --" + name + " given twice");
            valuesSeen.emplace (name, inlineValue ? *inlineValue : argv[++i]);
        }
        else
        {
            throw UsageError ("unknown option --" + name);
        }
    }
}

const std::string& Args::positional (size_t n, const char* what) const
{
    if (n >= positionals.size())
        throw UsageError (std::string ("missing ") + what);
    return positionals[n];
}

void Args::expectPositionals (size_t minCount, size_t maxCount) const
{
    if (positionals.size() < minCount)
        throw UsageError ("too few arguments");
    if (positionals.size() > maxCount)
        throw UsageError ("unexpected argument '" + positionals[maxCount] + "'");
}

std::optional<std::string> Args::value (const std::string& name) const
{
    auto it = valuesSeen.find (name);
    if (it == valuesSeen.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::values (const std::string& name) const
{
    std::vector<std::string> out;
    auto [first, last] = valuesSeen.equal_range (name);
    for (auto it = first; it != last; ++it)
        out.push_back (it->second);
    return out;
}

std::optional<double> Args::number (const std::string& name) const
{
    auto v = value (name);
    if (! v)
        return std::nullopt;
    double d = 0;
    auto [end, ec] = std::from_chars (v->data(), v->data() + v->size(), d);
    if (ec != std::errc() || end != v->data() + v->size())
        throw InputError ("option --" + name + " expects a number, got '" + *v + "'");
    return d;
}
} // namespace loopstage::cli
