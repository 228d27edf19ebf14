#pragma once
// Shared by the PluginHost tests that render sessions: a plug-in's track beside its dry twin.
#include "Engine/OfflineRenderer.h"
#include "Mix/SessionToPlan.h"
#include "Session/Session.h"
#include "Support/SessionBuilder.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace loopstage::test
{
/** Two mono tracks playing `source` for `seconds`: "wet" into the DX stem (where a test puts
    its plug-in), "dry" into FX. */
inline session::Session twinSession (const std::filesystem::path& source, double seconds)
{
    return SessionBuilder (48000)
        .track ("wet", session::TrackKind::dx, 1)
        .region ("wet", source, 0.0, seconds)
        .track ("dry", session::TrackKind::fx, 1)
        .region ("dry", source, 0.0, seconds)
        .build();
}

/** The session rendered in float (no 24-bit rounding between a plug-in and its twin). */
inline engine::RenderedMix renderSession (const session::Session& s, std::vector<std::string>* warnings = nullptr)
{
    engine::RenderOptions options;
    options.format = audio::SampleFormat::float32;
    return engine::renderMix (mix::sessionToPlan (s, warnings), options);
}

/** The first channel of the stem called `name`. */
inline const std::vector<float>& stemChannel (const engine::RenderedMix& mix, const std::string& name)
{
    for (size_t i = 0; i < mix.stemNames.size(); ++i)
        if (mix.stemNames[i] == name)
            return mix.stems[i].channels[0];
    FAIL ("no stem " << name);
    throw std::logic_error ("unreachable");
}
} // namespace loopstage::test
