#include "SpeechFixtures.h"
#include "Align/MonoReader.h"
#include "AudioFile/AudioFileWriter.h"
#include "Support/Process.h"

#include <fftw3.h>
#include <cmath>
#include <complex>

namespace loopstage::test
{
align::MonoSignal speak (const std::filesystem::path& dir, const std::string& text, const std::string& voice,
                         int wpm, int rate)
{
    static int counter = 0;
    const auto raw = dir / ("speech" + std::to_string (++counter) + ".wav");
    const auto at = dir / ("speech" + std::to_string (counter) + "_" + std::to_string (rate) + ".wav");
    runOrFail ({ "espeak-ng", "-v", voice, "-s", std::to_string (wpm), "-w", raw.string(), text });
    runOrFail ({ "sox", raw.string(), "-r", std::to_string (rate), "-e", "floating-point", "-b", "32", at.string() });
    return align::readMono (at);
}

std::vector<float> spokenWord (const std::filesystem::path& dir, const std::string& text, const std::string& voice, int wpm)
{
    static int counter = 0;
    const std::string stem = "w" + std::to_string (++counter);   // a named string: GCC 12's -Wrestrict misfires on "w" + temporary
    const auto raw = dir / (stem + ".wav");
    const auto trimmed = dir / (stem + "t.wav");
    runOrFail ({ "espeak-ng", "-v", voice, "-s", std::to_string (wpm), "-w", raw.string(), text });
    runOrFail ({ "sox", "-R", raw.string(), "-r", "48000", "-e", "floating-point", "-b", "32", trimmed.string(),
                 "silence", "1", "0.002", "0.5%", "reverse", "silence", "1", "0.002", "0.5%", "reverse" });
    return align::readMono (trimmed).samples;
}

std::vector<float> delayed (const std::vector<float>& x, double samples, int pad)
{
    const int n = (int) x.size() + 2 * pad;
    std::vector<double> time ((size_t) n, 0.0);
    for (size_t i = 0; i < x.size(); ++i)
        time[(size_t) pad + i] = x[i];
    std::vector<std::complex<double>> spectrum ((size_t) n / 2 + 1);
    auto forward = fftw_plan_dft_r2c_1d (n, time.data(), reinterpret_cast<fftw_complex*> (spectrum.data()), FFTW_ESTIMATE);
    fftw_execute (forward);
    fftw_destroy_plan (forward);
    for (size_t k = 0; k < spectrum.size(); ++k)
    {
        const double w = -2.0 * M_PI * (double) k * samples / n;
        spectrum[k] *= std::complex<double> (std::cos (w), std::sin (w)) / (double) n;
    }
    if (n % 2 == 0)
        spectrum.back() = spectrum.back().real();   // Nyquist bin stays real
    auto inverse = fftw_plan_dft_c2r_1d (n, reinterpret_cast<fftw_complex*> (spectrum.data()), time.data(), FFTW_ESTIMATE);
    fftw_execute (inverse);
    fftw_destroy_plan (inverse);
    return std::vector<float> (time.begin(), time.end());
}

void writeMono (const std::filesystem::path& file, const align::MonoSignal& signal)
{
    audio::AudioBuffer buffer (1, (std::int64_t) signal.samples.size(), signal.sampleRate);
    buffer.channels[0] = signal.samples;
    audio::writeAudio (file, buffer, audio::SampleFormat::float32);
}

void soxEffects (const std::filesystem::path& in, const std::filesystem::path& out,
                 const std::vector<std::string>& effects)
{
    std::vector<std::string> argv { "sox", "-R", in.string(), "-e", "floating-point", "-b", "32", out.string() };
    argv.insert (argv.end(), effects.begin(), effects.end());
    runOrFail (argv);
}

void dirtyGuide (const std::filesystem::path& in, const std::filesystem::path& out, double snrDb,
                 const std::string& noise)
{
    const auto speech = align::readMono (in);
    double energy = 0.0;
    for (auto v : speech.samples)
        energy += (double) v * v;
    const double speechRms = std::sqrt (energy / (double) speech.samples.size());
    const auto dir = out.parent_path();
    const auto noiseFile = dir / ("noise_" + out.filename().string());
    const auto seconds = std::to_string ((double) speech.samples.size() / speech.sampleRate);
    runOrFail ({ "sox", "-R", "-n", "-r", std::to_string (speech.sampleRate), "-c", "1", "-e", "floating-point", "-b", "32",
                 noiseFile.string(), "synth", seconds, noise, "synth", seconds, "sine", "mix", "50" });
    auto n = align::readMono (noiseFile);
    double noiseEnergy = 0.0;
    for (auto v : n.samples)
        noiseEnergy += (double) v * v;
    const double noiseRms = std::sqrt (noiseEnergy / (double) n.samples.size());
    const double gain = speechRms / noiseRms * std::pow (10.0, -snrDb / 20.0);
    align::MonoSignal mixed = speech;
    for (size_t i = 0; i < mixed.samples.size() && i < n.samples.size(); ++i)
        mixed.samples[i] += (float) (gain * n.samples[i]);
    const auto dry = dir / ("dry_" + out.filename().string());
    writeMono (dry, mixed);
    soxEffects (dry, out, { "reverb", "40", "50", "60", "norm", "-3" });
}
} // namespace loopstage::test
