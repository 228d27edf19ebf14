#!/usr/bin/env python3
"""Generate the labelled ADR alignment test set (see README.md beside this file).

    make_set.py OUT [--seed N] [--quick] [--jobs 2] [--cached] [--only ID]

Writes OUT/<id>/{guide.wav,take.wav,labels.json} and OUT/set.json (the index).  Every word is its
own espeak-ng call, trimmed here, and placed at a chosen sample, so every word onset in guide and
take is known exactly.  Deterministic: the same seed gives the same files (each pair draws from
its own generator seeded by (seed, index), so --jobs does not change anything)."""
import argparse
import hashlib
import json
import multiprocessing
import os
import sys
import time

import numpy as np
from scipy import signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import adrlib as L  # noqa: E402
from adrlib import RATE  # noqa: E402

LINES = [
    "Get down, they are coming through the north gate.",
    "Where were you on the night of the fire?",
    "I told you never to come back here, not after what you did.",
    "Keep the line tight, and watch the window.",
    "We have maybe ten minutes before the whole place goes up.",
    "Listen to me, nobody leaves this room until I say so.",
    "She took the money, the car, and the dog.",
    "If you open that door, there is no going back.",
    "The last train leaves at midnight, so be on it.",
    "Tell the captain the engines are failing again.",
    "I never wanted any of this, and you know that.",
    "Put the gun down, slowly, and step away from the car.",
    "Do you remember the summer we spent by the lake?",
    "He is lying to us, look at his hands.",
    "Turn off the lights, somebody is standing outside.",
    "You said it would be different this time.",
    "Mister Harris, the board is waiting for your answer.",
    "Run, and do not look back, whatever you hear behind you.",
    "We buried him under the old oak tree, down by the river.",
    "Nobody knows the code except me and my brother.",
    "Hold on, hold on, I think I can see the shore.",
    "It was raining hard the night she disappeared.",
    "Give me one good reason why I should trust you now.",
    "The signal is weak, but they are still out there.",
    "Thank you, doctor, I will take it from here.",
]
# The same lines spoken in another language (a dubbed version: same length, other words).
TRANSLATIONS = {
    0: {'de': "Runter, sie kommen durch das Nordtor.", 'fr': "Baissez-vous, ils arrivent par la porte nord.",
        'es': "Al suelo, vienen por la puerta norte."},
    1: {'de': "Wo warst du in der Nacht des Feuers?", 'fr': "Où étais-tu la nuit de l'incendie?",
        'es': "¿Dónde estabas la noche del incendio?"},
    2: {'de': "Ich habe dir gesagt, du sollst nie wiederkommen, nicht nach dem, was du getan hast.",
        'fr': "Je t'avais dit de ne jamais revenir ici, pas après ce que tu as fait.",
        'es': "Te dije que nunca volvieras aquí, no después de lo que hiciste."},
    5: {'de': "Hör mir zu, niemand verlässt diesen Raum, bis ich es sage.",
        'fr': "Écoute-moi, personne ne quitte cette pièce avant que je le dise.",
        'es': "Escúchame, nadie sale de esta habitación hasta que yo lo diga."},
    7: {'de': "Wenn du diese Tür öffnest, gibt es kein Zurück.",
        'fr': "Si tu ouvres cette porte, il n'y a pas de retour.",
        'es': "Si abres esa puerta, no hay vuelta atrás."},
    11: {'de': "Leg die Waffe hin, langsam, und geh weg vom Auto.",
         'fr': "Pose l'arme, doucement, et éloigne-toi de la voiture.",
         'es': "Baja el arma, despacio, y apártate del coche."},
    16: {'de': "Herr Harris, der Vorstand wartet auf Ihre Antwort.",
         'fr': "Monsieur Harris, le conseil attend votre réponse.",
         'es': "Señor Harris, la junta espera su respuesta."},
    22: {'de': "Gib mir einen guten Grund, warum ich dir jetzt vertrauen sollte.",
         'fr': "Donne-moi une bonne raison de te faire confiance maintenant.",
         'es': "Dame una buena razón para confiar en ti ahora."},
}
VOICES = ['en-us', 'en-gb', 'en+m3', 'en+f3', 'en-us+f2', 'en-gb-scotland+m1', 'en-gb-x-rp+f4',
          'en-us-nyc+m7', 'en-029+m2', 'en-us+f5']

RP_PRIMARY = ['other-voice', 'speed', 'pauses', 'open-ends', 'booth-eq', 'reverb', 'noise-pink',
              'noise-brown', 'noise-traffic', 'noise-babble', 'hum', 'other-actor', 'take-44k1',
              'stereo-guide']
CLEAN_KINDS = [['eq', 'gain'], ['reverb'], ['noise'], ['noise-0db'], ['inverted'],
               ['inverted', 'reverb', 'noise'], ['take-44k1', 'eq'],
               ['eq', 'gain', 'reverb', 'noise-0db', 'hum', 'inverted']]
WRONG_KINDS = ['same-voice-other-line', 'other-voice-other-line', 'other-language-de',
               'other-language-fr', 'other-language-es', 'pink-noise', 'hum', 'tone', 'silence',
               'beeps', 'same-voice-other-line', 'other-voice-other-line']


# ---------------------------------------------------------------------------- performances
class Performance:
    """A line spoken word by word: per word its trimmed samples, onset index within them, active
    length; plus the onset positions (in samples) chosen for the line."""

    def __init__(self, line, voice, speed, pitch):
        self.line, self.voice, self.speed, self.pitch = line, voice, speed, pitch
        self.words = L.words_of(line)
        self.synth = L.line_words(tuple(w for w, _ in self.words), voice, speed, pitch)

    def natural_gaps(self, rng, base=(0.03, 0.10), comma=(0.22, 0.45)):
        gaps = []
        for _, pause in self.words[:-1]:
            lo, hi = comma if pause == 'comma' else base
            gaps.append(rng.uniform(lo, hi))
        return np.array(gaps)

    def place(self, start, gaps):
        """Onsets (samples) for words spoken back to back with the given gaps (seconds)."""
        on = [int(round(start * RATE))]
        for i, g in enumerate(gaps):
            on.append(on[-1] + self.synth[i][2] + int(round(g * RATE)))
        return np.array(on, dtype=np.int64)

    def end_of(self, onsets):
        return int(max(o + s[2] + (len(s[0]) - s[1] - s[2]) for o, s in zip(onsets, self.synth)))

    def render(self, onsets, length):
        out = np.zeros(length)
        for o, (w, k, _) in zip(onsets, self.synth):
            a = o - k
            out[a:a + len(w)] += w[:max(0, min(len(w), length - a))]
        return out

    def regions(self, onsets):
        return [(int(o), int(o + s[2])) for o, s in zip(onsets, self.synth)]


def check_onsets(perf, onsets, what):
    """Listen-free sanity: strictly increasing, no word starting before the previous one ends."""
    for i in range(1, len(onsets)):
        prev_end = onsets[i - 1] + perf.synth[i - 1][2]
        assert onsets[i] > onsets[i - 1], f'{what}: word {i} onset not after word {i - 1}'
        assert onsets[i] >= prev_end, f'{what}: word {i} starts inside word {i - 1}'
    assert onsets[0] - perf.synth[0][1] >= 0, f'{what}: first word cut'


def check_rendered(x, onsets, what, soft):
    """Listen-free check of a dry render: the level rises at every labelled onset.  The rise is
    the 2 ms envelope's maximum over the next 20 ms against its value 3 ms before; under 1.2 the
    label would be wrong (assert), under 4 the word starts softly out of the previous word's tail
    (a fricative after a loud vowel) and is listed in labels.json as soft_onsets."""
    env = L.envelope(x)
    for i, o in enumerate(onsets):
        before = env[max(0, o - int(0.003 * RATE))]
        after = env[o:o + int(0.020 * RATE)].max()
        ratio = after / max(before, 1e-12)
        assert ratio >= 1.2, f'{what}: no rise at word {i} onset ({ratio:.2f})'
        if ratio < 4:
            soft.append([what, i, round(float(ratio), 2)])


def whole_line(text, voice, speed=165, pitch=50):
    """A whole line in one espeak-ng call, silence trimmed (babble, other actors, slates)."""
    x = L.espeak_raw(text, voice, speed, pitch)
    env = L.envelope(x)
    idx = np.nonzero(env > env.max() * 10 ** (-40 / 20))[0]
    return x[max(0, idx[0] - 100):idx[-1] + 1000] / np.abs(x).max()


def babble(n, rng, exclude):
    y = np.zeros(n)
    for _ in range(5):
        li = int(rng.choice([i for i in range(len(LINES)) if i != exclude]))
        v = str(rng.choice(VOICES))
        s = whole_line(LINES[li], v, int(rng.uniform(150, 185)), int(rng.uniform(30, 70)))
        pos = int(rng.uniform(-len(s), 0))
        while pos < n:
            a, b = max(0, pos), min(n, pos + len(s))
            y[a:b] += s[a - pos:b - pos] * rng.uniform(0.5, 1.0)
            pos += len(s) + int(rng.uniform(0.05, 0.6) * RATE)
    return y / np.sqrt(np.mean(y ** 2))


def breath(rng):
    n = int(rng.uniform(0.25, 0.45) * RATE)
    x = L.colored_noise(n, rng, 0.5)
    x = signal.sosfilt(signal.butter(2, [500, 3500], 'bandpass', fs=RATE, output='sos'), x)
    return x * np.hanning(n) * 0.08


def beeps(rng, count=3, spacing=1.0):
    """ADR cue beeps: 1 kHz, 40 ms each, one second apart."""
    n = int(spacing * RATE * count)
    y = np.zeros(n)
    t = np.arange(int(0.04 * RATE)) / RATE
    b = np.sin(2 * np.pi * 1000 * t) * np.hanning(len(t)) ** 0.2 * 0.3
    for i in range(count):
        a = int(i * spacing * RATE)
        y[a:a + len(b)] += b
    return y


# ---------------------------------------------------------------------------- a production guide
def production(dry, regions, rng, conds, line_index, desc):
    """Location sound: reverb, noise (kind/SNR), hum, another actor.  Returns (guide, regions)."""
    n = len(dry)
    x = dry
    p_speech = L.speech_power(dry, regions)
    if 'reverb' in conds:
        x = L.reverb(x, rng)
        desc.append('location reverb (sox)')
    kinds = sorted(c for c in conds if c.startswith('noise-'))
    if kinds:
        kind = kinds[0][6:]
        snr = rng.uniform(0, 20)
    else:
        kind = str(rng.choice(['pink', 'brown']))
        snr = rng.uniform(25, 40)
    noise = {'pink': lambda: L.colored_noise(n, rng, 1.0),
             'brown': lambda: L.colored_noise(n, rng, 2.0),
             'traffic': lambda: L.traffic(n, rng),
             'babble': lambda: babble(n, rng, line_index)}[kind]()
    x = L.add_at_snr(x, noise, snr, p_speech)
    desc.append(f'{kind} noise {snr:.1f} dB SNR')
    if 'hum' in conds:
        h, mains = L.hum(n, rng)
        level = rng.uniform(-25, -10)
        x = L.add_at_snr(x, h, -level, p_speech)
        desc.append(f'{mains} Hz hum at {level:.0f} dB re speech')
    return x


def make_reperformed(idx, k, rng):
    primary = RP_PRIMARY[k % len(RP_PRIMARY)]
    conds = {primary} | {c for c in RP_PRIMARY if c != primary and rng.random() < 0.22}
    noise_kinds = sorted(c for c in conds if c.startswith('noise-'))   # sorted: set order varies per run
    if len(noise_kinds) > 1:   # one noise kind per guide
        keep = primary if primary.startswith('noise-') else noise_kinds[0]
        conds -= set(noise_kinds) - {keep}
    if primary == 'speed':
        conds.discard('other-voice')
    if primary == 'other-voice':
        conds.discard('speed')
    if 'speed' not in conds and 'other-voice' not in conds:
        conds.add('other-voice' if rng.random() < 0.5 else 'speed')
    li = (k * 11 + 3) % len(LINES)
    desc = []
    vg = str(rng.choice(VOICES))
    sg, pg = int(rng.uniform(145, 180)), int(rng.uniform(35, 65))
    if 'other-voice' in conds:
        vt = str(rng.choice([v for v in VOICES if v != vg]))
        st, pt = int(sg * rng.uniform(0.95, 1.05)), int(rng.uniform(30, 70))
        desc.append(f'guide {vg} {sg} wpm, take other voice {vt} {st} wpm')
    else:
        vt = vg
        st = int(round(sg * (1 + rng.choice([-1, 1]) * rng.uniform(0.06, 0.10))))
        pt = int(np.clip(pg + rng.uniform(-8, 8), 0, 99))
        desc.append(f'same voice {vg}, {sg} -> {st} wpm ({100 * (st / sg - 1):+.1f} %)')
    pgd = Performance(LINES[li], vg, sg, pg)
    soft = []
    ptk = Performance(LINES[li], vt, st, pt)

    # guide timing
    gaps_g = pgd.natural_gaps(rng)
    lead_g = rng.uniform(0.4, 1.5)
    on_g = pgd.place(lead_g, gaps_g)
    # take timing: the actor follows the guide's rhythm (beeps, picture, the guide in the cans)
    # at the take's pace; the take voice's own word lengths only matter where a word does not fit
    pace = sg / st
    rel = (on_g - on_g[0]) / RATE * pace
    if 'pauses' in conds:
        for i, (_, p) in enumerate(pgd.words[:-1]):
            if p == 'comma':
                rel[i + 1:] += gaps_g[i] * pace * (rng.uniform(0.4, 1.8) - 1)
            elif rng.random() < 0.2:
                rel[i + 1:] += rng.uniform(0.05, 0.15)   # a breath where the guide ran on
        desc.append('pauses changed')
    lead_t = rng.uniform(0.3, 1.5)
    if 'open-ends' in conds:
        lead_t += rng.uniform(1.0, 2.5)
    on_t = (lead_t + rel) * RATE
    jit = rng.uniform(0.020, 0.030)
    on_t += rng.uniform(-jit, jit, len(on_t)) * RATE
    on_t = np.round(on_t).astype(np.int64)
    for i in range(1, len(on_t)):   # keep order: no word starts inside the previous one
        on_t[i] = max(on_t[i], on_t[i - 1] + ptk.synth[i - 1][2] + int(0.005 * RATE))
    desc.append(f'words jittered +-{1000 * jit:.0f} ms')
    moved = []
    for i in rng.permutation(len(on_t))[:int(rng.integers(1, 4))]:
        i = int(i)
        d = int(rng.uniform(0.080, 0.160) * RATE)
        room_before = (on_t[i] - (on_t[i - 1] + ptk.synth[i - 1][2]) - int(0.01 * RATE)
                       if i > 0 else 10 ** 9)
        room_after = (on_t[i + 1] - (on_t[i] + ptk.synth[i][2]) - int(0.01 * RATE)
                      if i + 1 < len(on_t) else 10 ** 9)
        sign = rng.choice([-1, 1])
        if (room_after if sign > 0 else room_before) < d:
            sign = -sign
        if (room_after if sign > 0 else room_before) < d:
            continue
        if i == 0 and sign < 0 and on_t[0] - d - ptk.synth[0][1] < 0:
            continue
        on_t[i] += sign * d
        moved.append([i, round(sign * d / RATE, 4)])
    if moved:
        desc.append('moved words ' + ', '.join(f'#{i} {1000 * s:+.0f} ms' for i, s in moved))
    check_onsets(pgd, on_g, 'guide')
    check_onsets(ptk, on_t, 'take')

    # guide signal
    n_g = pgd.end_of(on_g) + int(rng.uniform(0.4, 1.2) * RATE)
    guide = pgd.render(on_g, n_g)
    check_rendered(guide, on_g, 'guide', soft)
    regions = pgd.regions(on_g)
    if 'other-actor' in conds:
        other = whole_line(LINES[(li + 7) % len(LINES)], str(rng.choice([v for v in VOICES if v != vg])),
                           int(rng.uniform(150, 180)), int(rng.uniform(30, 70)))
        other *= rng.uniform(0.6, 1.2)
        gap = int(rng.uniform(0.15, 0.5) * RATE)
        if rng.random() < 0.5:   # before: everything moves later by the other line
            shift = len(other) + gap
            guide = np.concatenate([np.zeros(shift), guide])
            guide[int(0.1 * RATE):int(0.1 * RATE) + len(other)] += other[:shift - int(0.1 * RATE)]
            on_g = on_g + shift
            regions = pgd.regions(on_g)
            desc.append(f'another actor line before ({len(other) / RATE:.1f} s)')
        else:
            start = pgd.end_of(on_g) + gap
            guide = np.concatenate([guide, np.zeros(max(0, start + len(other) + int(0.3 * RATE) - len(guide)))])
            guide[start:start + len(other)] += other
            desc.append(f'another actor line after ({len(other) / RATE:.1f} s)')
    guide = production(guide, regions, rng, conds, li, desc)
    guide = L.fit_peak(guide, rng.uniform(-12, -3))
    if 'stereo-guide' in conds:
        lav = signal.sosfilt(signal.butter(2, 6000, fs=RATE, output='sos'), guide)
        lav = lav * 0.7 + L.colored_noise(len(guide), rng, 1.0) * 0.003
        guide = np.stack([guide, lav], axis=1)
        desc.append('stereo guide (boom L, lav-like R)')

    # take signal
    n_t = ptk.end_of(on_t) + int(rng.uniform(0.3, 1.0) * RATE)
    take = ptk.render(on_t, n_t)
    check_rendered(take, on_t, 'take', soft)
    t_regions = ptk.regions(on_t)
    if 'open-ends' in conds:
        first = on_t[0] - ptk.synth[0][1]
        what = str(rng.choice(['slate', 'beeps', 'breath']))
        if what == 'slate':
            s = whole_line(f'Cue {int(rng.integers(10, 99))}, take {int(rng.integers(1, 9))}.',
                           str(rng.choice(VOICES)), 170, 50) * 0.7
            a = max(0, first - int(rng.uniform(0.9, 1.3) * RATE) - len(s))
            take[a:a + len(s)] += s[:len(take) - a]
        elif what == 'beeps':
            b = beeps(rng)
            a = max(0, first - len(b))
            take[a:first] += b[len(b) - (first - a):]
        br = breath(rng)
        a = max(0, first - len(br) - int(rng.uniform(0.05, 0.2) * RATE))
        take[a:a + len(br)] += br
        tail = np.concatenate([np.zeros(int(rng.uniform(0.2, 0.5) * RATE)),
                               breath(rng) * 0.7, np.zeros(int(0.2 * RATE))])
        take = np.concatenate([take, tail])
        desc.append(f'open ends: {what} + breath before, breath after')
    if 'booth-eq' in conds:
        take = L.booth_eq(take, rng)
        desc.append('booth mic EQ on take')
    p = L.speech_power(take, t_regions)
    take = L.add_at_snr(take, L.colored_noise(len(take), rng, 0.5), rng.uniform(45, 60), p)
    take = L.fit_peak(take, rng.uniform(-9, -1))
    rate_t = RATE
    if 'take-44k1' in conds:
        take = signal.resample_poly(take, 147, 160)
        rate_t = 44100
        desc.append('take at 44.1 kHz')
    diffs = (on_t - on_g) / RATE
    return dict(
        category='re-performed', kind=primary, conditions=sorted(conds), line=LINES[li],
        guide=guide, take=take, rate_guide=RATE, rate_take=rate_t,
        guide_onsets=on_g / RATE, take_onsets=on_t / RATE,
        bulk_sync=float(np.median(diffs)), polarity='normal', desc=desc, moved=moved, soft=soft,
        words=[w for w, _ in pgd.words])


def precise_delay(a, b, up=32):
    """Sub-sample delay of b against a (b(t + d) = a(t)) by an up-sampled cross-spectrum, used to
    check the clean pairs' truth (error well under 0.05 sample on band-limited speech)."""
    m = int(2 ** np.ceil(np.log2(len(a) + len(b))))
    C = np.conj(np.fft.rfft(a, m)) * np.fft.rfft(b, m)
    c = np.fft.irfft(C, m * up)
    c = np.concatenate([c[-(len(a) * up):], c[:len(b) * up]])
    k = int(np.argmax(np.abs(c)))
    sign = np.sign(c[k])
    y0, y1, y2 = np.abs(c[k - 1]), np.abs(c[k]), np.abs(c[k + 1])
    frac = 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2)
    return (k + frac - len(a) * up) / up, sign


def scipy_oneliner_delay(a, b):
    c = signal.correlate(b, a, method='fft')
    k = int(np.argmax(c))
    y0, y1, y2 = c[k - 1], c[k], c[k + 1]
    return k + 0.5 * (y0 - y2) / (y0 - 2 * y1 + y2) - (len(a) - 1)


def make_clean(idx, k, rng):
    conds = list(CLEAN_KINDS[k % len(CLEAN_KINDS)])
    if k >= len(CLEAN_KINDS):   # full set: random extra conditions on top of the cycle
        for c in ['eq', 'gain', 'reverb', 'hum', 'inverted', 'stereo-guide']:
            if c not in conds and rng.random() < 0.3:
                conds.append(c)
    li = (k * 7 + 5) % len(LINES)
    v = str(rng.choice(VOICES))
    perf = Performance(LINES[li], v, int(rng.uniform(145, 180)), int(rng.uniform(35, 65)))
    lead = rng.uniform(1.2, 2.0)
    on = perf.place(lead, perf.natural_gaps(rng))
    check_onsets(perf, on, 'dry')
    n = perf.end_of(on) + int(rng.uniform(1.6, 2.2) * RATE)
    dry = perf.render(on, n)
    soft = []
    check_rendered(dry, on, 'dry', soft)
    regions = perf.regions(on)
    d = float(rng.uniform(-0.9, 1.4) * RATE)
    d = np.floor(d) + rng.uniform(0.05, 0.95)        # never a whole number of samples
    desc = [f'{v}; take = dry line delayed by {d:.4f} samples (FFT phase shift)']
    take = L.frac_delay(dry, d)
    inv = 'inverted' in conds
    guide = dry.copy()
    check_guide = dry.copy()
    if 'eq' in conds:
        guide = L.zero_phase_eq(guide, [(20, -18), (80, -10), (150, -2), (400, 2),
                                        (2500, -3), (6000, rng.uniform(-8, 4)), (12000, -12)])
        desc.append('guide EQ (zero-phase: truth stays exact)')
    if 'gain' in conds:
        take *= 10 ** (rng.uniform(-20, -6) / 20)
        desc.append('take gain')
    if 'reverb' in conds:
        guide = L.reverb(guide, rng)
        desc.append('guide reverb (sox)')
    noisy = [c for c in conds if c.startswith('noise')]
    if noisy:
        snr = 0.0 if noisy[0] == 'noise-0db' else rng.uniform(3, 15)
        kind = str(rng.choice(['pink', 'brown', 'traffic', 'babble'])) if snr == 0 else 'pink'
        nz = {'pink': lambda: L.colored_noise(n, rng, 1.0), 'brown': lambda: L.colored_noise(n, rng, 2.0),
              'traffic': lambda: L.traffic(n, rng), 'babble': lambda: babble(n, rng, li)}[kind]()
        guide = L.add_at_snr(guide, nz, snr, L.speech_power(dry, regions))
        desc.append(f'guide {kind} noise {snr:.1f} dB SNR')
    if 'hum' in conds:
        h, mains = L.hum(n, rng)
        guide = L.add_at_snr(guide, h, 15, L.speech_power(dry, regions))
        desc.append(f'{mains} Hz hum')
    if inv:
        if rng.random() < 0.5:
            guide, check_guide = -guide, -check_guide
            desc.append('guide polarity inverted')
        else:
            take = -take
            desc.append('take polarity inverted')
    guide = L.fit_peak(guide, rng.uniform(-10, -1))
    take = take + L.colored_noise(len(take), rng, 0.0) * 10 ** (-80 / 20)   # dither-level floor
    rate_t = RATE
    # truth check on the noiseless versions, before any resampling of the take
    est, sign = precise_delay(check_guide, take)
    assert abs(est - d) < 0.05, f'clean truth check: {est} vs {d}'
    assert (sign < 0) == inv, 'clean polarity check'
    sc = scipy_oneliner_delay(check_guide, take)
    if 'take-44k1' in conds:
        take = signal.resample_poly(take, 147, 160)
        rate_t = 44100
        desc.append('take at 44.1 kHz (truth in guide samples)')
    if 'stereo-guide' in conds:
        guide = np.stack([guide, guide * 0.8], axis=1)
        desc.append('stereo guide (same signal both sides)')
    return dict(
        category='clean', kind='+'.join(conds), conditions=conds, line=LINES[li],
        guide=guide, take=take, rate_guide=RATE, rate_take=rate_t,
        guide_onsets=on / RATE, take_onsets=(on + d) / RATE, bulk_sync=d / RATE,
        offset_samples=d, polarity='inverted' if inv else 'normal', desc=desc, soft=soft,
        truth_check={'precise_error_samples': round(float(est - d), 5),
                     'scipy_oneliner_error_samples': round(float(sc - d), 4) if not inv else None},
        words=[w for w, _ in perf.words])


def make_wrong(idx, k, rng):
    kind = WRONG_KINDS[k % len(WRONG_KINDS)]
    trans = sorted(TRANSLATIONS)
    li = trans[k % len(trans)] if kind.startswith('other-language') else (k * 5 + 1) % len(LINES)
    v = str(rng.choice(VOICES))
    sp, pi = int(rng.uniform(145, 180)), int(rng.uniform(35, 65))
    perf = Performance(LINES[li], v, sp, pi)
    on = perf.place(rng.uniform(0.4, 1.2), perf.natural_gaps(rng))
    n = perf.end_of(on) + int(rng.uniform(0.5, 1.0) * RATE)
    desc = [f'guide: {v} speaking line {li}']
    guide = production(perf.render(on, n), perf.regions(on), rng,
                       {str(rng.choice(['noise-pink', 'noise-brown', 'noise-traffic']))}
                       | ({'reverb'} if rng.random() < 0.5 else set()), li, desc)
    guide = L.fit_peak(guide, rng.uniform(-10, -3))
    m = int(rng.uniform(0.8, 1.2) * n)
    lead = int(rng.uniform(0.3, 1.2) * RATE)
    if kind in ('same-voice-other-line', 'other-voice-other-line'):
        ol = (li + 1 + int(rng.integers(0, len(LINES) - 1))) % len(LINES)
        tv = v if kind.startswith('same') else str(rng.choice([x for x in VOICES if x != v]))
        tp = Performance(LINES[ol], tv, int(sp * rng.uniform(0.95, 1.05)), pi)
        ton = tp.place(lead / RATE, tp.natural_gaps(rng))
        take = tp.render(ton, tp.end_of(ton) + int(0.6 * RATE))
        desc.append(f'take: {tv} speaking line {ol}: "{LINES[ol]}"')
    elif kind.startswith('other-language'):
        lang = kind[-2:]
        s = whole_line(TRANSLATIONS[li][lang], lang, sp, pi)
        take = np.concatenate([np.zeros(lead), s, np.zeros(int(0.6 * RATE))])
        desc.append(f'take: the line in {lang}: "{TRANSLATIONS[li][lang]}"')
    elif kind == 'pink-noise':
        take = L.colored_noise(m, rng, 1.0) * 0.1
        desc.append('take: pink noise only')
    elif kind == 'hum':
        take = L.hum(m, rng)[0] * 0.05
        desc.append('take: hum only')
    elif kind == 'tone':
        f = float(rng.choice([440.0, 1000.0]))
        take = np.sin(2 * np.pi * f * np.arange(m) / RATE) * 0.3
        desc.append(f'take: {f:.0f} Hz tone')
    elif kind == 'silence':
        take = np.zeros(m)
        desc.append('take: silence with a noise floor')
    elif kind == 'beeps':
        take = np.concatenate([np.zeros(lead), beeps(rng), np.zeros(lead)])
        desc.append('take: ADR beeps only')
    take = L.booth_eq(take, rng) if np.abs(take).max() > 0 else take
    take = take + L.colored_noise(len(take), rng, 0.5) * 10 ** (rng.uniform(-75, -60) / 20)
    take = L.fit_peak(take, rng.uniform(-12, -3)) if kind != 'silence' else take
    return dict(category='wrong', kind=kind, conditions=[kind], line=LINES[li],
                guide=guide, take=take, rate_guide=RATE, rate_take=RATE,
                guide_onsets=on / RATE, take_onsets=[], bulk_sync=None,
                polarity=None, desc=desc, words=[w for w, _ in perf.words])


# ---------------------------------------------------------------------------- the set
def plan(quick):
    n_rp, n_cl, n_wr = (40, 8, 12) if quick else (120, 24, 36)
    out = []
    for k in range(n_rp):
        out.append(('rp', k))
    for k in range(n_cl):
        out.append(('cl', k))
    for k in range(n_wr):
        out.append(('wr', k))
    return out


def make_pair(args):
    out, seed, idx, (cat, k), bits_cycle = args
    rng = np.random.default_rng([seed, idx])
    p = {'rp': make_reperformed, 'cl': make_clean, 'wr': make_wrong}[cat](idx, k, rng)
    pid = f'{cat}{k:03d}-{p["kind"].replace("+", "-")}'[:48]
    d = os.path.join(out, pid)
    os.makedirs(d, exist_ok=True)
    bits_g = bits_cycle[idx % 2]
    bits_t = bits_cycle[(idx // 2) % 2]
    L.write_wav(os.path.join(d, 'guide.wav'), p['guide'], p['rate_guide'], bits_g)
    L.write_wav(os.path.join(d, 'take.wav'), p['take'], p['rate_take'], bits_t)
    g, t = p['guide'], p['take']
    labels = {
        'id': pid, 'category': p['category'], 'kind': p['kind'], 'conditions': p['conditions'],
        'line': p['line'], 'words': p['words'],
        'guide': {'file': 'guide.wav', 'rate': p['rate_guide'], 'bits': bits_g,
                  'channels': 1 if g.ndim == 1 else g.shape[1],
                  'seconds': round(len(g) / p['rate_guide'], 6)},
        'take': {'file': 'take.wav', 'rate': p['rate_take'], 'bits': bits_t,
                 'channels': 1 if t.ndim == 1 else t.shape[1],
                 'seconds': round(len(t) / p['rate_take'], 6)},
        'guide_onsets': [round(float(x), 6) for x in p['guide_onsets']],
        'take_onsets': [round(float(x), 6) for x in p['take_onsets']],
        'bulk_sync': None if p['bulk_sync'] is None else round(float(p['bulk_sync']), 7),
        'expected_polarity': p['polarity'],
        'genuine': p['category'] != 'wrong',
        'description': '; '.join(p['desc']),
    }
    if 'offset_samples' in p:
        labels['offset_samples'] = round(float(p['offset_samples']), 5)
        labels['truth_check'] = p['truth_check']
    if p.get('soft'):
        labels['soft_onsets'] = p['soft']
    if p.get('moved'):
        labels['moved_words'] = p['moved']
    if labels['take_onsets']:
        diffs = np.array(labels['take_onsets']) - np.array(labels['guide_onsets'])
        labels['onset_diff_spread_ms'] = round(1000 * float(diffs.max() - diffs.min()), 1)
    with open(os.path.join(d, 'labels.json'), 'w') as f:
        json.dump(labels, f, indent=1)
    return labels


def generator_hash():
    h = hashlib.sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ('make_set.py', 'adrlib.py'):
        with open(os.path.join(here, name), 'rb') as f:
            h.update(f.read())
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('out')
    ap.add_argument('--seed', type=int, default=12)
    ap.add_argument('--quick', action='store_true', help='about 60 pairs instead of 180')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--cached', action='store_true',
                    help='do nothing if OUT holds a complete set made by this script with these options')
    ap.add_argument('--only', help='make only pairs whose id contains this')
    a = ap.parse_args()
    stamp = {'generator': generator_hash(), 'seed': a.seed, 'quick': a.quick}
    index = os.path.join(a.out, 'set.json')
    if a.cached and os.path.exists(index):
        with open(index) as f:
            old = json.load(f)
        if (all(old.get(k) == v for k, v in stamp.items())
                and all(os.path.exists(os.path.join(a.out, p['id'], 'labels.json')) for p in old['pairs'])):
            print(f'make_set: {a.out} is up to date ({len(old["pairs"])} pairs)')
            return 0
    os.makedirs(a.out, exist_ok=True)
    t0 = time.time()
    jobs = [(a.out, a.seed, i, c, (24, 16)) for i, c in enumerate(plan(a.quick))]
    if a.only:
        jobs = [j for j in jobs if a.only in f'{j[3][0]}{j[3][1]:03d}']
    if a.jobs > 1:
        with multiprocessing.Pool(a.jobs) as pool:
            labels = pool.map(make_pair, jobs, chunksize=1)
    else:
        labels = [make_pair(j) for j in jobs]
    if not a.only:
        with open(index + '.part', 'w') as f:
            json.dump(dict(stamp, pairs=[{'id': l['id'], 'category': l['category'], 'kind': l['kind']}
                                         for l in labels]), f, indent=1)
        os.replace(index + '.part', index)
    cats = {}
    for l in labels:
        cats[l['category']] = cats.get(l['category'], 0) + 1
    secs = sum(l['guide']['seconds'] + l['take']['seconds'] for l in labels)
    print(f'make_set: {len(labels)} pairs ({", ".join(f"{v} {k}" for k, v in cats.items())}), '
          f'{secs:.0f} s of audio, in {time.time() - t0:.1f} s -> {a.out}')
    return 0


if __name__ == '__main__':
    if 'MALLOC_MMAP_THRESHOLD_' not in os.environ:
        # numpy's large temporaries otherwise go to mmap and back on every call: page faults
        # were half the run time.  Keep them on the heap (set before glibc starts, so re-exec).
        os.environ.update(MALLOC_MMAP_THRESHOLD_='33554432', MALLOC_TRIM_THRESHOLD_='268435456',
                          MALLOC_TOP_PAD_='67108864')
        os.execv(sys.executable, [sys.executable] + sys.argv)
    sys.exit(main())
