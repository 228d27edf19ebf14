#pragma once
/** LoopStage Compressor: the engine's built-in "compressor" insert (dsp::Compressor) as a
    VST3/LV2 plug-in, linked from Core so both give the same samples.

    Parameters: dsp::compressorParameters (threshold, ratio, knee, attack, release, make-up).
    No look-ahead, no latency. Mono or stereo (the detector is linked across channels).
    A parameter move rebuilds the compressor on the audio thread (a value type: no allocation),
    which restarts its gain-reduction smoothing from 0 dB: a move under heavy compression is
    heard as a short re-attack. State: the parameters as XML.
*/
#include "Common/SettingsProcessor.h"
#include "Dsp/Compressor.h"
#include "Dsp/ProcessorParameters.h"

namespace loopstage::plugins
{
class CompressorProcessor final : public SettingsProcessor<dsp::Compressor, dsp::CompressorSettings, 6>
{
public:
    CompressorProcessor();
};
} // namespace loopstage::plugins
