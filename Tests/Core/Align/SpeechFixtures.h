#pragma once
/** Test media for the aligner: real speech made by espeak-ng, dirtied by sox, moved in C++ by an
    exact band-limited fractional delay (FFT phase shift), so offsets and word positions are
    known exactly. */
#include "Align/OffsetFinder.h"

#include <filesystem>
#include <string>
#include <vector>

namespace loopstage::test
{
/** espeak-ng `text` with `voice` at `wpm`, as mono float at `rate` Hz. */
align::MonoSignal speak (const std::filesystem::path& dir, const std::string& text, const std::string& voice,
                         int wpm, int rate);

/** One word spoken by espeak-ng, silence trimmed from both ends, as float samples at 48 kHz:
    words placed at known samples give exact onsets. */
std::vector<float> spokenWord (const std::filesystem::path& dir, const std::string& text, const std::string& voice, int wpm);

/** `x` delayed by `samples` (may be negative or fractional), padded by `pad` samples of silence
    before and after first so nothing wraps. */
std::vector<float> delayed (const std::vector<float>& x, double samples, int pad);

/** Writes `signal` as a 24-bit WAV. */
void writeMono (const std::filesystem::path& file, const align::MonoSignal& signal);

/** Runs sox IN OUT effects... */
void soxEffects (const std::filesystem::path& in, const std::filesystem::path& out,
                 const std::vector<std::string>& effects);

/** Mixes `noise` kind ("brownnoise", "pinknoise") into `in` at `snrDb` below the speech RMS,
    plus 50 Hz hum and reverb: a production guide track. */
void dirtyGuide (const std::filesystem::path& in, const std::filesystem::path& out, double snrDb,
                 const std::string& noise);
} // namespace loopstage::test
