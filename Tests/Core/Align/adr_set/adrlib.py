"""Shared pieces of the ADR alignment test set: WAV I/O (16/24-bit, float), espeak-ng words with
known onsets, fractional delay, filters, noises.  numpy + scipy only; espeak-ng and sox as tools.

Every sample position here is at RATE (48 kHz) unless a name says otherwise."""
import functools
import io
import os
import struct
import subprocess
import tempfile

import numpy as np
from scipy import signal
from scipy.fft import next_fast_len

RATE = 48000
CONFIDENCE_THRESHOLD = 0.5


# ---------------------------------------------------------------------------- WAV files
def write_wav(path, x, rate, bits=24):
    """x: (n,) or (n, channels) float in [-1, 1]; bits 16, 24 (PCM) or 32 (float)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    n, ch = x.shape
    if bits == 32:
        data = x.astype('<f4').tobytes()
        fmt, width = 3, 4
    else:
        full = 2 ** (bits - 1)
        q = np.clip(np.round(x * (full - 1)), -full, full - 1).astype('<i4')
        if bits == 16:
            data = q.astype('<i2').tobytes()
        else:
            b = q.reshape(-1).view(np.uint8).reshape(-1, 4)[:, :3]
            data = b.tobytes()
        fmt, width = 1, bits // 8
    hdr = b'RIFF' + struct.pack('<I', 36 + len(data)) + b'WAVE'
    hdr += b'fmt ' + struct.pack('<IHHIIHH', 16, fmt, ch, rate, rate * ch * width, ch * width, bits)
    hdr += b'data' + struct.pack('<I', len(data))
    tmp = path + '.part'
    with open(tmp, 'wb') as f:
        f.write(hdr)
        f.write(data)
    os.replace(tmp, path)


def read_wav(path, mono=True):
    """Returns (rate, float64 samples); stereo is averaged to mono unless mono=False."""
    from scipy.io import wavfile
    rate, x = wavfile.read(path)
    if x.dtype == np.int16:
        x = x / 32768.0
    elif x.dtype == np.int32:
        x = x / 2147483648.0
    elif x.dtype == np.uint8:
        x = (x - 128.0) / 128.0
    x = x.astype(np.float64)
    if mono and x.ndim > 1:
        x = x.mean(axis=1)
    return rate, x


# ---------------------------------------------------------------------------- espeak-ng
@functools.lru_cache(maxsize=4096)
def espeak_raw(text, voice, speed, pitch, ssml=False):
    """espeak-ng output (22050 Hz) as float64 at RATE."""
    with tempfile.NamedTemporaryFile(suffix='.wav', delete=False) as f:
        path = f.name
    try:
        subprocess.run(['espeak-ng'] + (['-m'] if ssml else []) + ['-v', voice, '-s', str(int(speed)), '-p', str(int(pitch)),
                        '-w', path, text], check=True, capture_output=True)
        r, x = read_wav(path)
    finally:
        os.unlink(path)
    g = np.gcd(RATE, r)
    return signal.resample_poly(x, RATE // g, r // g)


ONSET_DB = -35.0       # a word starts where its 2 ms envelope first reaches 35 dB under its peak
PRE_ROLL = 0.004       # kept (faded in) before the onset
POST_ROLL = 0.030      # kept (faded out) after the last sample above the threshold


def envelope(x, ms=2.0):
    n = max(1, int(RATE * ms / 1000))
    c = np.concatenate([[0.0], np.cumsum(x * x)])
    h = n // 2
    lo = np.clip(np.arange(len(x)) - h, 0, len(x))
    hi = np.clip(np.arange(len(x)) - h + n, 0, len(x))
    return np.sqrt(np.maximum(c[hi] - c[lo], 0) / n)


def _trim(x):
    env = envelope(x)
    thr = env.max() * 10 ** (ONSET_DB / 20)
    above = np.nonzero(env >= thr)[0]
    start, end = int(above[0]), int(above[-1])
    pre, post = int(PRE_ROLL * RATE), int(POST_ROLL * RATE)
    a, b = max(0, start - pre), min(len(x), end + post)
    w = x[a:b].copy()
    onset = start - a
    if onset > 0:
        w[:onset] *= np.linspace(0, 1, onset, endpoint=False) ** 2
    tail = b - end
    if tail > 0:
        w[-tail:] *= np.linspace(1, 0, tail) ** 2
    w /= np.abs(w).max()
    return w, onset, end - start


BREAK_MS = 900


@functools.lru_cache(maxsize=512)
def line_words(words, voice, speed, pitch):
    """Each word of a line as its own utterance: one espeak-ng call with the words separated by
    SSML breaks of BREAK_MS, cut at the silences (or, if the cut does not give one piece per
    word, one call per word).  [(samples, onset_index, active_length)] as word() gives."""
    from xml.sax.saxutils import escape
    ssml = '<speak>' + ''.join(f'{escape(w)} <break time="{BREAK_MS}ms"/> ' for w in words) + '</speak>'
    x = espeak_raw(ssml, voice, speed, pitch, ssml=True)
    env = envelope(x, 5.0)
    loud = env >= env.max() * 10 ** (-50 / 20)
    idx = np.nonzero(loud)[0]
    gaps = np.nonzero(np.diff(idx) > int(0.45 * RATE))[0]
    if len(gaps) != len(words) - 1:
        return [word(w, voice, speed, pitch) for w in words]
    starts = np.concatenate([[idx[0]], idx[gaps + 1]])
    ends = np.concatenate([idx[gaps], [idx[-1]]])
    out = []
    for a, b in zip(starts, ends):
        a, b = max(0, a - int(0.1 * RATE)), min(len(x), b + int(0.1 * RATE))
        out.append(_trim(x[a:b]))
    return out


@functools.lru_cache(maxsize=4096)
def word(text, voice, speed, pitch):
    """One word, its own espeak-ng call, trimmed: (samples, onset_index, active_length).
    samples[onset_index] is the first sample of the word at or above ONSET_DB of its envelope
    peak: the labelled onset."""
    return _trim(espeak_raw(text, voice, speed, pitch))


def words_of(line):
    """[(word, pause_after)] with pause_after 'comma', 'end' or None."""
    out = []
    for tok in line.split():
        core = tok.strip('.,?!;:"')
        pause = 'comma' if tok.endswith((',', ';', ':')) else None
        out.append([core, pause])
    out[-1][1] = 'end'
    return [tuple(p) for p in out]


# ---------------------------------------------------------------------------- DSP helpers
def frac_delay(x, d, extra=0):
    """x delayed by d samples (any real d, negative = earlier) by an FFT phase shift, exact for a
    band-limited signal; the output has len(x) + extra samples.  x must end (and, for d < 0,
    start) in silence longer than |d| so nothing wraps round."""
    n = len(x) + extra
    m = int(2 ** np.ceil(np.log2(n + abs(d) + 16)))
    X = np.fft.rfft(x, m)
    k = np.arange(len(X))
    X *= np.exp(-2j * np.pi * k * d / m)
    if m % 2 == 0:
        X[-1] = X[-1].real * np.cos(np.pi * d)   # keep the Nyquist bin real
    return np.fft.irfft(X, m)[:n]


def zero_phase_eq(x, points_db):
    """Magnitude-only EQ (no delay, no phase): points_db = [(Hz, dB), ...] interpolated on log f."""
    m = next_fast_len(len(x) + 1, real=True)
    X = np.fft.rfft(x, m)
    f = np.fft.rfftfreq(m, 1 / RATE)
    fp = np.array([p[0] for p in points_db], float)
    gp = np.array([p[1] for p in points_db], float)
    g = np.interp(np.log(np.maximum(f, 1.0)), np.log(fp), gp)
    return np.fft.irfft(X * 10 ** (g / 20), m)[:len(x)]


def peaking(f0, gain_db, q):
    a = 10 ** (gain_db / 40)
    w = 2 * np.pi * f0 / RATE
    al = np.sin(w) / (2 * q)
    b = [1 + al * a, -2 * np.cos(w), 1 - al * a]
    den = [1 + al / a, -2 * np.cos(w), 1 - al / a]
    return signal.tf2sos(b, den)


def booth_eq(x, rng):
    """A booth mic chain: high-pass, a low-mid dip, a presence lift (ordinary minimum-phase IIR)."""
    hp = signal.butter(2, rng.uniform(70, 130), 'highpass', fs=RATE, output='sos')
    sos = np.vstack([hp, peaking(rng.uniform(250, 500), rng.uniform(-4, -1), 1.0),
                     peaking(rng.uniform(2500, 5500), rng.uniform(2, 6), 1.2)])
    return signal.sosfilt(sos, x)


def sox(x, *effects):
    p = subprocess.run(['sox', '-D', '-t', 'f32', '-r', str(RATE), '-c', '1', '-', '-t', 'f32', '-']
                       + [str(e) for e in effects], input=x.astype('<f4').tobytes(),
                       capture_output=True, check=True)
    y = np.frombuffer(p.stdout, '<f4').astype(np.float64)
    out = np.zeros(len(x))
    out[:min(len(x), len(y))] = y[:len(x)]
    return out


def reverb(x, rng):
    """sox reverb (Freeverb: dry path undelayed), a location room."""
    return sox(x, 'reverb', int(rng.uniform(30, 80)), 50, int(rng.uniform(50, 100)),
               100, 0, 0)


def colored_noise(n, rng, exponent):
    """1/f^exponent noise (0 white, 1 pink, 2 brown), unit RMS."""
    m = next_fast_len(n + 1, real=True)
    X = np.fft.rfft(rng.standard_normal(m))
    f = np.fft.rfftfreq(m, 1 / RATE)
    X *= 1 / np.maximum(f, 20.0) ** (exponent / 2)
    X[0] = 0
    y = np.fft.irfft(X, m)[:n]
    return y / np.sqrt(np.mean(y ** 2))


def traffic(n, rng):
    """Low rumble: brown noise low-passed at 150-300 Hz, swelling as cars pass."""
    y = colored_noise(n, rng, 2.0)
    y = signal.sosfilt(signal.butter(4, rng.uniform(150, 300), fs=RATE, output='sos'), y)
    t = np.arange(n) / RATE
    swell = 0.4 + sum(np.exp(-0.5 * ((t - rng.uniform(0, n / RATE)) / rng.uniform(0.6, 2.0)) ** 2)
                      for _ in range(3))
    y *= swell
    return y / np.sqrt(np.mean(y ** 2))


def hum(n, rng, mains=None):
    mains = mains or (50 if rng.random() < 0.5 else 60)
    t = np.arange(n) / RATE
    ph = rng.uniform(0, 2 * np.pi, 4)
    y = (np.sin(2 * np.pi * mains * t + ph[0]) + 0.5 * np.sin(2 * np.pi * 2 * mains * t + ph[1])
         + 0.35 * np.sin(2 * np.pi * 3 * mains * t + ph[2])
         + 0.15 * np.sin(2 * np.pi * 5 * mains * t + ph[3]))
    return y / np.sqrt(np.mean(y ** 2)), mains


def speech_power(x, regions):
    """Mean power over the given (start, end) sample regions (the words)."""
    p = [np.mean(x[a:b] ** 2) for a, b in regions if b > a]
    return float(np.mean(p))


def add_at_snr(x, noise, snr_db, p_speech):
    return x + noise * np.sqrt(p_speech / 10 ** (snr_db / 10))


def fit_peak(x, peak_dbfs):
    return x * (10 ** (peak_dbfs / 20) / max(1e-12, np.abs(x).max()))
