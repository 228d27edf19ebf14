#pragma once
// Shared by the PluginHost tests: plug-in URIs, signals and level measurements.
#include "Engine/InsertProcessor.h"
#include "PluginHost/PluginHost.h"

#include <cmath>
#include <memory>
#include <vector>

namespace loopstage::test
{
inline const char* const x42Eq = "urn:ardour:a-eq";                                      // x42-plugins: ACE EQ (mono)
inline const char* const x42Limiter = "http://gareus.org/oss/lv2/dpl#mono";              // x42 digital peak limiter
inline const char* const lspEq = "http://lsp-plug.in/plugins/lv2/para_equalizer_x16_mono";
inline const char* const lspLimiter = "http://lsp-plug.in/plugins/lv2/limiter_mono";

inline std::vector<float> sine (double frequency, double amplitude, int frames, double rate = 48000.0)
{
    std::vector<float> out ((size_t) frames);
    for (int i = 0; i < frames; ++i)
        out[(size_t) i] = (float) (amplitude * std::sin (2.0 * M_PI * frequency * i / rate));
    return out;
}

inline double rms (const std::vector<float>& x, size_t from, size_t to)
{
    double sum = 0.0;
    for (size_t i = from; i < to; ++i)
        sum += (double) x[i] * x[i];
    return std::sqrt (sum / (double) (to - from));
}

inline double db (double ratio) { return 20.0 * std::log10 (ratio); }

inline engine::PlanInsert lv2Plan (const std::string& id, const std::string& uri, Json parameters = Json::object())
{
    engine::PlanInsert p;
    p.id = id;
    p.kind = engine::PlanInsert::Kind::lv2;
    p.plugin = uri;
    p.parameters = std::move (parameters);
    return p;
}

/** Runs mono `signal` through the insert in blocks of `block`, in place. */
inline void runMono (engine::InsertProcessor& insert, std::vector<float>& signal, int block = 512)
{
    for (size_t at = 0; at < signal.size(); at += (size_t) block)
    {
        float* channels[] = { signal.data() + at };
        insert.process (channels, 1, (int) std::min ((size_t) block, signal.size() - at));
    }
}
} // namespace loopstage::test
