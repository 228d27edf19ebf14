#include "Session/JsonReader.h"
#include "Base/Error.h"

#include <cmath>

namespace loopstage::session::detail
{
void failAt (const std::string& path, const std::string& problem)
{
    throw InputError (path.empty() ? problem : path + ": " + problem);
}

std::string joinPath (const std::string& parent, const std::string& key)
{
    return parent.empty() ? key : parent + "." + key;
}

std::string typeName (const Json& j)
{
    if (j.is_number_integer() || j.is_number_unsigned())
        return "an integer";
    if (j.is_number())
        return "a number";
    if (j.is_string())
        return "a string";
    if (j.is_boolean())
        return "true/false";
    if (j.is_array())
        return "an array";
    if (j.is_object())
        return "an object";
    return "null";
}

ObjectReader::ObjectReader (const Json& j, std::string path)
    : json (j), where (std::move (path))
{
    if (! json.is_object())
        failAt (where, "expected an object, got " + typeName (json));
}

bool ObjectReader::has (const std::string& key) const
{
    return json.contains (key);
}

const Json* ObjectReader::get (const std::string& key)
{
    seen.insert (key);
    auto it = json.find (key);
    return it == json.end() ? nullptr : &*it;
}

const Json& ObjectReader::require (const std::string& key)
{
    if (auto* v = get (key))
        return *v;
    failAt (pathOf (key), "missing");
}

std::string ObjectReader::string (const std::string& key, std::optional<std::string> fallback)
{
    auto* v = get (key);
    if (v == nullptr)
    {
        if (fallback)
            return *fallback;
        failAt (pathOf (key), "missing");
    }
    if (! v->is_string())
        failAt (pathOf (key), "expected a string, got " + typeName (*v));
    return v->get<std::string>();
}

double ObjectReader::number (const std::string& key, std::optional<double> fallback)
{
    if (auto v = optionalNumber (key))
        return *v;
    if (fallback)
        return *fallback;
    failAt (pathOf (key), "missing");
}

std::optional<double> ObjectReader::optionalNumber (const std::string& key)
{
    auto* v = get (key);
    if (v == nullptr || v->is_null())
        return std::nullopt;
    if (! v->is_number())
        failAt (pathOf (key), "expected a number, got " + typeName (*v));
    const double d = v->get<double>();
    if (! std::isfinite (d))
        failAt (pathOf (key), "not a finite number");
    return d;
}

int ObjectReader::integer (const std::string& key, std::optional<int> fallback)
{
    auto* v = get (key);
    if (v == nullptr)
    {
        if (fallback)
            return *fallback;
        failAt (pathOf (key), "missing");
    }
    if (! v->is_number_integer())
        failAt (pathOf (key), "expected an integer, got " + typeName (*v));
    const auto n = v->get<std::int64_t>();
    if (n < -1000000000 || n > 1000000000)
        failAt (pathOf (key), "out of range");
    return (int) n;
}

std::int64_t ObjectReader::samples (const std::string& key)
{
    const auto& v = require (key);
    if (! v.is_number_integer())
        failAt (pathOf (key), "expected a whole number of samples, got " + typeName (v));
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > (std::uint64_t (1) << 53) : v.get<std::int64_t>() < 0)
        failAt (pathOf (key), "out of range (0 to 2^53 samples)");
    return v.get<std::int64_t>();
}

bool ObjectReader::boolean (const std::string& key, std::optional<bool> fallback)
{
    auto* v = get (key);
    if (v == nullptr)
    {
        if (fallback)
            return *fallback;
        failAt (pathOf (key), "missing");
    }
    if (! v->is_boolean())
        failAt (pathOf (key), "expected true or false, got " + typeName (*v));
    return v->get<bool>();
}

std::vector<std::string> ObjectReader::strings (const std::string& key)
{
    std::vector<std::string> out;
    const auto& list = array (key);
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        if (! list[i].is_string())
            failAt (pathOf (key) + "[" + std::to_string (i) + "]", "expected a string, got " + typeName (list[i]));
        out.push_back (list[i].get<std::string>());
    }
    return out;
}

const Json& ObjectReader::array (const std::string& key)
{
    static const Json empty = Json::array();
    auto* v = get (key);
    if (v == nullptr)
        return empty;
    if (! v->is_array())
        failAt (pathOf (key), "expected an array, got " + typeName (*v));
    return *v;
}

void ObjectReader::finish() const
{
    for (auto it = json.begin(); it != json.end(); ++it)
        if (! seen.count (it.key()))
            failAt (pathOf (it.key()), "unknown field");
}
} // namespace loopstage::session::detail
