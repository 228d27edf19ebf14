#!/usr/bin/env python3
"""The two peers evaluate.py --baseline compares LoopStage with.  Each returns what
`loopstage align --json` would (offset_seconds, offset_samples, confidence, and warp for DTW).

xcorr       what a user scripts: scipy.signal.correlate(take, guide, method='fft'), argmax, parabolic
            peak.  Files mixed to mono; a take at another rate is resampled to the guide's
            (resample_poly) first, or the answer would be meaningless.  confidence = the peak
            normalised by both files' energies (a correlation coefficient, 0..1).
logmel-dtw  librosa-like log-mel (40 bands, 25 ms window, 10 ms hop, 16 kHz), each band mean/var
            normalised per file, plain DTW (steps (1,1), (1,0), (0,1), Euclidean cost, ends
            tied to ends) in numpy; offset = median of (take time - guide time) along the path,
            warp = the path.  confidence = 1 - mean path cost / mean cost of the whole matrix.

    baselines.py xcorr|logmel-dtw GUIDE TAKE   prints the JSON"""
import json
import os
import sys

import numpy as np
from scipy import signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from adrlib import read_wav  # noqa: E402


def _to_rate(x, r, rate):
    if r == rate:
        return x
    g = np.gcd(r, rate)
    return signal.resample_poly(x, rate // g, r // g)


def xcorr(guide_path, take_path):
    rg, g = read_wav(guide_path)
    rt, t = read_wav(take_path)
    t = _to_rate(t, rt, rg)
    c = signal.correlate(t, g, mode='full', method='fft')
    k = int(np.argmax(c))
    kf = float(k)
    if 0 < k < len(c) - 1:
        a, b, d = c[k - 1], c[k], c[k + 1]
        den = a - 2 * b + d
        if den != 0:
            kf = k + 0.5 * (a - d) / den
    lag = kf - (len(g) - 1)
    conf = float(max(0.0, c[k]) / (np.sqrt(np.sum(g * g) * np.sum(t * t)) + 1e-30))
    return {'sample_rate': rg, 'offset_seconds': lag / rg, 'offset_samples': lag,
            'confidence': min(1.0, conf)}


# ---------------------------------------------------------------------------- log-mel DTW
SR, N_FFT, WIN, HOP, N_MELS = 16000, 512, 400, 160, 40


def _mel_filters():
    def hz2mel(f):
        return 2595 * np.log10(1 + f / 700)

    def mel2hz(m):
        return 700 * (10 ** (m / 2595) - 1)
    pts = mel2hz(np.linspace(hz2mel(0), hz2mel(SR / 2), N_MELS + 2))
    f = np.fft.rfftfreq(N_FFT, 1 / SR)
    fb = np.zeros((N_MELS, len(f)))
    for i in range(N_MELS):
        lo, c, hi = pts[i], pts[i + 1], pts[i + 2]
        fb[i] = np.maximum(0, np.minimum((f - lo) / (c - lo), (hi - f) / (hi - c)))
        fb[i] *= 2 / (hi - lo)   # Slaney area normalisation
    return fb


def logmel(path):
    r, x = read_wav(path)
    x = _to_rate(x, r, SR)
    x = np.concatenate([np.zeros(WIN // 2), x, np.zeros(WIN)])
    n = 1 + (len(x) - WIN) // HOP
    idx = np.arange(WIN)[None, :] + HOP * np.arange(n)[:, None]
    frames = x[idx] * np.hanning(WIN)
    p = np.abs(np.fft.rfft(frames, N_FFT)) ** 2
    m = 10 * np.log10(p @ _mel_filters().T + 1e-10)
    m = np.maximum(m, m.max() - 80)
    return (m - m.mean(axis=0)) / (m.std(axis=0) + 1e-6)


def dtw(cost):
    """Plain DTW over an (n, m) cost matrix, anti-diagonal by anti-diagonal.  Returns the path
    [(i, j)] from (0, 0) to (n-1, m-1) and its accumulated cost."""
    n, m = cost.shape
    D = np.full((n + 1, m + 1), np.inf)
    D[0, 0] = 0.0
    step = np.zeros((n, m), np.int8)   # 0 diagonal, 1 from (i-1, j), 2 from (i, j-1)
    for s in range(2, n + m + 1):      # s = i + j in D's 1-based indices
        i = np.arange(max(1, s - m), min(n, s - 1) + 1)
        j = s - i
        cand = np.stack([D[i - 1, j - 1], D[i - 1, j], D[i, j - 1]])
        k = np.argmin(cand, axis=0)
        D[i, j] = cost[i - 1, j - 1] + cand[k, np.arange(len(i))]
        step[i - 1, j - 1] = k
    i, j = n - 1, m - 1
    path = [(i, j)]
    while i > 0 or j > 0:
        k = step[i, j] if i > 0 and j > 0 else (1 if i > 0 else 2)
        if k == 0:
            i, j = i - 1, j - 1
        elif k == 1:
            i -= 1
        else:
            j -= 1
        path.append((i, j))
    return path[::-1], D[n, m]


def logmel_dtw(guide_path, take_path):
    rg = read_wav(guide_path)[0]
    G, T = logmel(guide_path), logmel(take_path)
    # Euclidean distance between all frame pairs
    cost = np.sqrt(np.maximum(0, (G * G).sum(1)[:, None] + (T * T).sum(1)[None, :] - 2 * G @ T.T))
    path, _ = dtw(cost)
    p = np.array(path)
    tg, tt = p[:, 0] * HOP / SR, p[:, 1] * HOP / SR
    off = float(np.median(tt - tg))
    conf = float(np.clip(1 - cost[p[:, 0], p[:, 1]].mean() / cost.mean(), 0, 1))
    # the warp: one pair per guide frame (the mean take time there), strictly increasing take
    warp = []
    for i in np.unique(p[:, 0]):
        t = float(tt[p[:, 0] == i].mean())
        if not warp or t > warp[-1][1]:
            warp.append([float(i * HOP / SR), t])
    return {'sample_rate': rg, 'offset_seconds': off, 'offset_samples': off * rg,
            'confidence': conf, 'warp': warp}


BASELINES = {'xcorr': xcorr, 'logmel-dtw': logmel_dtw}

if __name__ == '__main__':
    if len(sys.argv) != 4 or sys.argv[1] not in BASELINES:
        sys.exit(__doc__)
    print(json.dumps(BASELINES[sys.argv[1]](sys.argv[2], sys.argv[3])))
