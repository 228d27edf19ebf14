// resample_bench: the measurements behind scripts/bench.d/resample.sh (issue 12: "resampling
// through libsoxr in place of the hand-written Kaiser resampler, unless a benchmark shows ours
// better in both accuracy and speed").
//   resample_bench accuracy          accuracy table, 44.1 -> 48 kHz and 48 -> 44.1 kHz
//   resample_bench out-path          the same with a fractional start (align --out), ours and SoxrStream
//   resample_bench tones             gain, phase delay and residual per tone
//   resample_bench speed SECONDS     single-thread CPU speed on SECONDS of mono audio
// Contenders: align::Resampler at its defaults (as the aligner builds it), libsoxr at SOXR_HQ and
// SOXR_VHQ through soxr_oneshot (float32 in and out, linear phase, one thread).
//
// Every reference is ideal: sines and the log sweep are evaluated analytically at the output
// instants j * inRate / outRate (input samples), so any added delay shows as error; noise and
// the speech-like signal are band-limited to 20 kHz by an FFT over the whole (periodic) signal
// and resampled by zero-padding or truncating that spectrum, which is exact band-limited
// interpolation of a periodic signal. Errors are taken over the middle of the signal (the ends
// see silence outside the input, the periodic reference does not) through a Tukey window, and
// only in the band up to 20 kHz: what a resampler does between 20 kHz and the lower Nyquist is
// its own transition band.
#include "Align/Resample.h"
#include "AudioFile/SoxrStream.h"

#include <fftw3.h>
#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace loopstage;

namespace
{
constexpr double passbandHz = 20000.0;

struct Contender
{
    std::string name;
    std::function<std::vector<float> (const std::vector<float>&, int, int)> run;
};

std::vector<float> viaOurs (const std::vector<float>& in, int inRate, int outRate)
{
    return align::Resampler (inRate, outRate).process (in);
}

std::vector<float> viaSoxr (const std::vector<float>& in, int inRate, int outRate, unsigned long recipe)
{
    const auto outLength = (size_t) (((std::int64_t) in.size() * outRate + inRate - 1) / inRate);
    std::vector<float> out (outLength);
    const auto io = soxr_io_spec (SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const auto quality = soxr_quality_spec (recipe, 0);
    const auto runtime = soxr_runtime_spec (1);
    size_t done = 0;
    if (const auto error = soxr_oneshot (inRate, outRate, 1, in.data(), in.size(), nullptr, out.data(), out.size(),
                                         &done, &io, &quality, &runtime))
        throw std::runtime_error (std::string ("soxr: ") + error);
    out.resize (done);
    out.resize (outLength, 0.0f);
    return out;
}

std::vector<Contender> contenders()
{
    return { { "LoopStage Resampler (64 zero crossings, rolloff 0.95)", viaOurs },
             { "libsoxr SOXR_HQ", [] (auto& in, int a, int b) { return viaSoxr (in, a, b, SOXR_HQ); } },
             { "libsoxr SOXR_VHQ", [] (auto& in, int a, int b) { return viaSoxr (in, a, b, SOXR_VHQ); } } };
}

// ---- references --------------------------------------------------------------------------

std::vector<double> realFft (const std::vector<double>& x, std::vector<std::complex<double>>& spectrum)
{
    const int n = (int) x.size();
    spectrum.assign ((size_t) n / 2 + 1, {});
    std::vector<double> copy = x;
    auto plan = fftw_plan_dft_r2c_1d (n, copy.data(), reinterpret_cast<fftw_complex*> (spectrum.data()), FFTW_ESTIMATE);
    fftw_execute (plan);
    fftw_destroy_plan (plan);
    return copy;
}

std::vector<double> inverseFft (std::vector<std::complex<double>> spectrum, int n)
{
    std::vector<double> x ((size_t) n);
    auto plan = fftw_plan_dft_c2r_1d (n, reinterpret_cast<fftw_complex*> (spectrum.data()), x.data(), FFTW_ESTIMATE);
    fftw_execute (plan);
    fftw_destroy_plan (plan);
    for (auto& v : x)
        v /= n;
    return x;
}

// A periodic signal of n samples at `rate`, band-limited to `limitHz`, and the same signal at
// `outRate` (n * outRate / rate samples, which must be whole).
struct BandLimited
{
    std::vector<double> in, out;
};

BandLimited bandLimit (const std::vector<double>& x, int rate, int outRate, double limitHz, double rms)
{
    const int n = (int) x.size();
    const int m = (int) ((std::int64_t) n * outRate / rate);
    std::vector<std::complex<double>> s;
    realFft (x, s);
    const double binHz = (double) rate / n;
    for (size_t k = 0; k < s.size(); ++k)
        if (k == 0 || (double) k * binHz > limitHz)
            s[k] = 0.0;
    BandLimited b;
    b.in = inverseFft (s, n);
    std::vector<std::complex<double>> t ((size_t) m / 2 + 1);
    for (size_t k = 0; k < std::min (s.size(), t.size()); ++k)
        t[k] = s[k] * ((double) m / n);
    b.out = inverseFft (t, m);
    double sum = 0.0;
    for (auto v : b.in)
        sum += v * v;
    const double gain = rms / std::sqrt (sum / n);
    for (auto& v : b.in)
        v *= gain;
    for (auto& v : b.out)
        v *= gain;
    return b;
}

using Signal = std::function<double (double)>;   // value at a time in seconds

// Power of the error against the reference's, in the band up to 20 kHz, over the middle of the
// output (skip seconds at each end) through a Tukey window (2 % cosine tapers).
double snrDb (const std::vector<float>& y, const std::vector<double>& reference, int rate, double skipSeconds)
{
    const auto skip = (std::int64_t) std::llround (skipSeconds * rate);
    const auto n = (std::int64_t) reference.size() - 2 * skip;
    std::vector<double> e ((size_t) n), r ((size_t) n);
    const double taper = 0.02 * (double) n;
    for (std::int64_t i = 0; i < n; ++i)
    {
        double w = 1.0;
        if (i < taper)
            w = 0.5 - 0.5 * std::cos (M_PI * i / taper);
        else if (n - 1 - i < taper)
            w = 0.5 - 0.5 * std::cos (M_PI * (double) (n - 1 - i) / taper);
        const auto k = (size_t) (skip + i);
        r[(size_t) i] = w * reference[k];
        e[(size_t) i] = w * ((double) y[k] - reference[k]);
    }
    std::vector<std::complex<double>> es, rs;
    realFft (e, es);
    realFft (r, rs);
    double pe = 0.0, pr = 0.0;
    const double binHz = (double) rate / n;
    for (size_t k = 0; k < es.size() && (double) k * binHz <= passbandHz; ++k)
    {
        pe += std::norm (es[k]);
        pr += std::norm (rs[k]);
    }
    return 10.0 * std::log10 (pr / std::max (pe, 1e-300));
}

// Samples of an analytic signal at input rate, and its ideal resampled version (output sample j
// is input time j * inRate / outRate, the timeline the aligner puts a take on).
std::pair<std::vector<float>, std::vector<double>> sampled (const Signal& s, double seconds, int inRate, int outRate)
{
    std::vector<float> in ((size_t) std::llround (seconds * inRate));
    for (size_t i = 0; i < in.size(); ++i)
        in[i] = (float) s ((double) i / inRate);
    std::vector<double> out ((size_t) ((std::int64_t) in.size() * outRate / inRate));
    for (size_t j = 0; j < out.size(); ++j)
        out[j] = s ((double) j / outRate);
    return { in, out };
}

struct ToneFit
{
    double gainDb = 0.0, delaySamples = 0.0, residualDb = 0.0;   // residual relative to the input tone
};

// Least squares fit of a*cos + b*sin at frequency hz over the middle of y; the input was
// amplitude * sin (2 pi hz t).
ToneFit fitTone (const std::vector<float>& y, int rate, double hz, double amplitude, double skipSeconds)
{
    const auto skip = (std::int64_t) std::llround (skipSeconds * rate);
    const auto end = (std::int64_t) y.size() - skip;
    const double w = 2.0 * M_PI * hz / rate;
    double cc = 0, ss = 0, cs = 0, yc = 0, ys = 0;
    for (auto j = skip; j < end; ++j)
    {
        const double c = std::cos (w * (double) j), s = std::sin (w * (double) j), v = y[(size_t) j];
        cc += c * c;
        ss += s * s;
        cs += c * s;
        yc += v * c;
        ys += v * s;
    }
    const double det = cc * ss - cs * cs;
    const double a = (yc * ss - ys * cs) / det, b = (ys * cc - yc * cs) / det;
    double residual = 0.0;   // summed afresh: yy - (a yc + b ys) cancels to noise
    for (auto j = skip; j < end; ++j)
    {
        const double e = y[(size_t) j] - a * std::cos (w * (double) j) - b * std::sin (w * (double) j);
        residual += e * e;
    }
    const double n = (double) (end - skip);
    ToneFit f;
    const double amp = std::hypot (a, b);
    f.gainDb = 20.0 * std::log10 (amp / amplitude);
    // y ~ amp * sin (w j + phi): phi = atan2 (a, b); an ideal resampler gives phi = 0.
    const double phi = std::atan2 (a, b);
    f.delaySamples = -phi / w;
    f.residualDb = 10.0 * std::log10 (std::max (residual / n, 1e-30) / (amplitude * amplitude / 2.0));
    return f;
}

std::vector<double> toneFrequencies (double upToHz)
{
    std::vector<double> f;
    for (double hz = 20.0; hz < upToHz * 0.999; hz *= std::pow (2.0, 1.0 / 3.0))
        f.push_back (hz);
    f.push_back (upToHz);
    return f;
}

// ---- the signals ------------------------------------------------------------------------------

Signal multiTone()
{
    std::vector<std::pair<double, double>> tones;   // hz, phase
    std::mt19937 random (7);
    std::uniform_real_distribution<double> phase (0.0, 2.0 * M_PI);
    for (double hz = 31.0; hz < passbandHz; hz *= 1.26)
        tones.push_back ({ hz, phase (random) });
    tones.push_back ({ passbandHz, phase (random) });
    const double amplitude = 0.5 / std::sqrt ((double) tones.size());
    return [tones, amplitude] (double t)
    {
        double v = 0.0;
        for (const auto& [hz, p] : tones)
            v += std::sin (2.0 * M_PI * hz * t + p);
        return amplitude * v;
    };
}

// 20 Hz to 20 kHz at `reachAt` seconds (the end of the measured middle), going on a little after.
Signal logSweep (double reachAt)
{
    const double f1 = 20.0, f2 = passbandHz, k = std::log (f2 / f1) / reachAt;
    return [f1, k] (double t) { return 0.5 * std::sin (2.0 * M_PI * f1 * (std::exp (k * t) - 1.0) / k); };
}

std::vector<double> whiteNoise (std::int64_t n)
{
    std::mt19937 random (11);
    std::normal_distribution<double> gauss;
    std::vector<double> x ((size_t) n);
    for (auto& v : x)
        v = gauss (random);
    return x;
}

// Voiced syllables (harmonics of a gliding 90-210 Hz pitch under four formants, -6 dB/octave)
// alternating with fricatives (noise 3.5-9 kHz), at about 3 syllables a second.
std::vector<double> speechLike (std::int64_t n, int rate)
{
    std::vector<double> x ((size_t) n, 0.0);
    const double formants[] = { 600.0, 1400.0, 2600.0, 3600.0 }, widths[] = { 90.0, 120.0, 200.0, 300.0 };
    double phase = 0.0;
    for (std::int64_t i = 0; i < n; ++i)
    {
        const double t = (double) i / rate;
        const double f0 = 150.0 + 45.0 * std::sin (2.0 * M_PI * 0.7 * t) + 15.0 * std::sin (2.0 * M_PI * 2.3 * t);
        phase += 2.0 * M_PI * f0 / rate;
        const double syllable = std::sin (2.0 * M_PI * 1.6 * t);
        const double voiced = syllable > 0.0 ? syllable * syllable : 0.0;
        if (voiced == 0.0)
            continue;
        double v = 0.0;
        for (int h = 1; h * f0 < passbandHz; ++h)
        {
            const double hz = h * f0;
            double envelope = 0.05;
            for (int k = 0; k < 4; ++k)
                envelope += 1.0 / (1.0 + std::pow ((hz - formants[k]) / widths[k], 2.0));
            v += envelope / std::sqrt ((double) h) * std::sin (h * std::fmod (phase, 2.0 * M_PI * 1000.0));
        }
        x[(size_t) i] = voiced * v;
    }
    // Fricatives: noise shaped in the frequency domain, gated where the voice is silent.
    auto noise = whiteNoise (n);
    std::vector<std::complex<double>> s;
    realFft (noise, s);
    for (size_t k = 0; k < s.size(); ++k)
    {
        const double hz = (double) k * rate / (double) n;
        if (hz < 3500.0 || hz > 9000.0)
            s[k] = 0.0;
    }
    noise = inverseFft (s, (int) n);
    double voicedPower = 0.0, noisePower = 0.0;
    for (std::int64_t i = 0; i < n; ++i)
    {
        voicedPower += x[(size_t) i] * x[(size_t) i];
        noisePower += noise[(size_t) i] * noise[(size_t) i];
    }
    const double noiseGain = 0.5 * std::sqrt (voicedPower / noisePower);
    for (std::int64_t i = 0; i < n; ++i)
    {
        const double syllable = std::sin (2.0 * M_PI * 1.6 * (double) i / rate);
        const double unvoiced = syllable < -0.3 ? std::pow (syllable + 0.3, 2.0) : 0.0;
        x[(size_t) i] += noiseGain * unvoiced * noise[(size_t) i];
    }
    return x;
}

double rateKhz (int rate) { return rate / 1000.0; }

// ---- commands ---------------------------------------------------------------------------------

void accuracy()
{
    const double seconds = 6.0, skip = 0.25;
    std::printf ("| direction | resampler | sum of 33 sines to 20 kHz: SNR | log sweep to 20 kHz: SNR | white noise to 20 kHz: SNR"
                 " | speech-like: SNR | pass-band ripple, 20 Hz-20 kHz (gain at 20 kHz) | worst image/alias residual of a pass-band tone"
                 " | alias of 22.6-23.8 kHz tones (48 -> 44.1) | largest delay, 20 Hz-20 kHz |\n");
    std::printf ("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (const auto& [inRate, outRate] : { std::pair { 44100, 48000 }, std::pair { 48000, 44100 } })
    {
        const auto tones = sampled (multiTone(), seconds, inRate, outRate);
        const auto sweep = sampled (logSweep (seconds - skip), seconds, inRate, outRate);
        const auto n = (std::int64_t) std::llround (seconds * inRate);
        const auto noise = bandLimit (whiteNoise (n), inRate, outRate, passbandHz, 0.1);
        const auto speech = bandLimit (speechLike (n, inRate), inRate, outRate, passbandHz, 0.1);
        auto toFloat = [] (const std::vector<double>& v) { return std::vector<float> (v.begin(), v.end()); };
        const auto noiseIn = toFloat (noise.in), speechIn = toFloat (speech.in);
        for (const auto& c : contenders())
        {
            const double snrTones = snrDb (c.run (tones.first, inRate, outRate), tones.second, outRate, skip);
            const double snrSweep = snrDb (c.run (sweep.first, inRate, outRate), sweep.second, outRate, skip);
            const double snrNoise = snrDb (c.run (noiseIn, inRate, outRate), noise.out, outRate, skip);
            const double snrSpeech = snrDb (c.run (speechIn, inRate, outRate), speech.out, outRate, skip);
            double lowest = 1e9, highest = -1e9, at20k = 0.0, worstResidual = -1e9, worstDelay = 0.0;
            for (const double hz : toneFrequencies (passbandHz))
            {
                const auto tone = sampled ([hz] (double t) { return 0.5 * std::sin (2.0 * M_PI * hz * t); }, 1.5, inRate, outRate);
                const auto fit = fitTone (c.run (tone.first, inRate, outRate), outRate, hz, 0.5, skip);
                lowest = std::min (lowest, fit.gainDb);
                highest = std::max (highest, fit.gainDb);
                at20k = fit.gainDb;
                worstResidual = std::max (worstResidual, fit.residualDb);
                if (std::abs (fit.delaySamples) > std::abs (worstDelay))
                    worstDelay = fit.delaySamples;
            }
            std::string alias = "";
            if (outRate < inRate)
            {
                double worst = -1e9;
                for (double hz = 22600.0; hz < 23900.0; hz += 200.0)
                {
                    const auto tone = sampled ([hz] (double t) { return 0.5 * std::sin (2.0 * M_PI * hz * t); }, 1.0, inRate, outRate);
                    const auto y = c.run (tone.first, inRate, outRate);
                    double sum = 0.0;
                    const auto s = (size_t) (skip * outRate);
                    for (size_t j = s; j + s < y.size(); ++j)
                        sum += (double) y[j] * y[j];
                    worst = std::max (worst, 10.0 * std::log10 (std::max (sum / (double) (y.size() - 2 * s), 1e-30) / 0.125));
                }
                alias = std::to_string ((int) std::lround (worst)) + " dB";
            }
            std::printf ("| %.1f -> %.1f kHz | %s | %.1f dB | %.1f dB | %.1f dB | %.1f dB | %.3f dB (%.2f dB) | %.1f dB | %s | %.1e samples |\n",
                         rateKhz (inRate), rateKhz (outRate), c.name.c_str(), snrTones, snrSweep, snrNoise, snrSpeech,
                         highest - lowest, at20k, worstResidual, alias.empty() ? "-" : alias.c_str(), worstDelay);
            std::fflush (stdout);
        }
    }
}

void toneTable()
{
    const double skip = 0.25;
    for (const auto& [inRate, outRate] : { std::pair { 44100, 48000 }, std::pair { 48000, 44100 } })
    {
        std::printf ("\n%.1f -> %.1f kHz: gain dB / phase delay (output samples) / residual dB per tone\n\n| Hz |", rateKhz (inRate), rateKhz (outRate));
        const auto all = contenders();
        for (const auto& c : all)
            std::printf (" %s |", c.name.c_str());
        std::printf ("\n| --- |");
        for (size_t i = 0; i < all.size(); ++i)
            std::printf (" --- |");
        std::printf ("\n");
        auto frequencies = toneFrequencies (passbandHz);
        for (const double hz : { 21000.0, 21500.0 })
            frequencies.push_back (hz);
        for (const double hz : frequencies)
        {
            std::printf ("| %.0f |", hz);
            const auto tone = sampled ([hz] (double t) { return 0.5 * std::sin (2.0 * M_PI * hz * t); }, 1.5, inRate, outRate);
            for (const auto& c : all)
            {
                const auto fit = fitTone (c.run (tone.first, inRate, outRate), outRate, hz, 0.5, skip);
                std::printf (" %.4f / %.1e / %.1f |", fit.gainDb, fit.delaySamples, fit.residualDb);
            }
            std::printf ("\n");
        }
    }
}

// The --out path: the take moved by a fractional start onto the guide's timeline. Ours folds the
// fraction into its filter phase; SoxrStream rounds it to 1/up input samples. The reference is
// the requested start, so that rounding counts as error.
void outPath()
{
    const double seconds = 6.0, skip = 0.25;
    std::printf ("| --out: take moved by START input samples onto the other rate | resampler | sum of 33 sines to 20 kHz: SNR"
                 " | log sweep to 20 kHz: SNR | start reached |\n| --- | --- | --- | --- | --- |\n");
    for (const auto& [inRate, outRate] : { std::pair { 44100, 48000 }, std::pair { 48000, 44100 } })
    {
        for (const double start : { 1234.37, -2205.5 })
        {
            const auto shifted = [start, inRate] (const Signal& s) { return [s, start, inRate] (double t) { return s (t + start / inRate); }; };
            for (const bool soxr : { false, true })
            {
                double reached = start;
                auto run = [&] (const std::vector<float>& in)
                {
                    const auto outputs = (std::int64_t) in.size() * outRate / inRate;
                    if (! soxr)
                    {
                        std::vector<float> out ((size_t) outputs);
                        align::Resampler (inRate, outRate, start).process (in.data(), (std::int64_t) in.size(), 0, outputs, out.data());
                        return out;
                    }
                    auto input = [&in] (std::int64_t first, std::int64_t count, std::vector<std::vector<float>>& planes)
                    { planes[0].assign (in.begin() + first, in.begin() + first + count); };
                    audio::SoxrStream stream (inRate, outRate, start, 1, (std::int64_t) in.size(), outputs, input);
                    reached = stream.actualStart();
                    std::vector<std::vector<float>> out;
                    stream.read (outputs, out);
                    return out[0];
                };
                // Input: the signal itself; reference: the signal START input samples later.
                const auto tones = sampled (multiTone(), seconds, inRate, outRate);
                const auto tonesShifted = sampled (shifted (multiTone()), seconds, inRate, outRate);
                const auto sweep = sampled (logSweep (seconds - skip), seconds, inRate, outRate);
                const auto sweepShifted = sampled (shifted (logSweep (seconds - skip)), seconds, inRate, outRate);
                const double snrTones = snrDb (run (tones.first), tonesShifted.second, outRate, skip + 0.1);
                const double snrSweep = snrDb (run (sweep.first), sweepShifted.second, outRate, skip + 0.1);
                std::printf ("| %.1f -> %.1f kHz, start %.2f | %s | %.1f dB | %.1f dB | %+.4f input samples off |\n", rateKhz (inRate),
                             rateKhz (outRate), start, soxr ? "SoxrStream (libsoxr SOXR_HQ, start rounded)" : "LoopStage Resampler",
                             snrTones, snrSweep, reached - start);
                std::fflush (stdout);
            }
        }
    }
}

double cpuSeconds()
{
    timespec t {};
    clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

void speed (double seconds, int runs)
{
    std::printf ("| %.0f s mono, one thread, CPU time (best of %d) | 44.1 -> 48 kHz | 48 -> 44.1 kHz |\n| --- | --- | --- |\n", seconds, runs);
    for (const auto& c : contenders())
    {
        std::printf ("| %s |", c.name.c_str());
        for (const auto& [inRate, outRate] : { std::pair { 44100, 48000 }, std::pair { 48000, 44100 } })
        {
            const auto n = (std::int64_t) std::llround (seconds * inRate);
            std::vector<float> in ((size_t) n);
            std::mt19937 random (3);
            std::normal_distribution<float> gauss (0.0f, 0.1f);
            for (auto& v : in)
                v = gauss (random);
            double best = 1e30;
            float keep = 0.0f;
            for (int r = 0; r < runs; ++r)
            {
                const double t0 = cpuSeconds();
                const auto out = c.run (in, inRate, outRate);
                best = std::min (best, cpuSeconds() - t0);
                keep += out[out.size() / 2];
            }
            std::printf (" %.2f s (%.0fx real time) |", best, seconds / best);
            if (keep == 12345.0f)
                std::printf (" ");
        }
        std::printf ("\n");
        std::fflush (stdout);
    }
}
} // namespace

int main (int argc, char** argv)
{
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "accuracy")
        accuracy();
    else if (command == "out-path")
        outPath();
    else if (command == "tones")
        toneTable();
    else if (command == "speed" && argc > 2)
        speed (std::atof (argv[2]), argc > 3 ? std::atoi (argv[3]) : 3);
    else
    {
        std::fprintf (stderr, "usage: resample_bench accuracy | out-path | tones | speed SECONDS [RUNS]\n");
        return 2;
    }
    return 0;
}
