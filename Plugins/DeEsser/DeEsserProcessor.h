#pragma once
/** LoopStage De-Esser: the engine's built-in "deesser" insert (dsp::DeEsser) as a VST3/LV2
    plug-in, linked from Core so both give the same samples.

    Parameters: dsp::deEsserParameters (frequency, Q, threshold, ratio, attack, release).
    No latency. Mono or stereo (the detector is linked across channels). A parameter move
    rebuilds the de-esser on the audio thread (a value type: no allocation), which restarts its
    band filter and gain smoothing: a move is heard as a short re-attack. State: the parameters
    as XML.
*/
#include "Common/SettingsProcessor.h"
#include "Dsp/DeEsser.h"
#include "Dsp/ProcessorParameters.h"

namespace loopstage::plugins
{
class DeEsserProcessor final : public SettingsProcessor<dsp::DeEsser, dsp::DeEsserSettings, 6>
{
public:
    DeEsserProcessor();

private:
    dsp::DeEsserSettings settingsFrom (const Values& v, double sampleRate) const noexcept override;
};
} // namespace loopstage::plugins
