#!/usr/bin/env python3
"""Run `loopstage align` (or a baseline) on every pair of an ADR set and score it against the labels.

    evaluate.py SETDIR --bin PATH [--warp] [--out] [--json] [--plot FILE.svg --label TEXT]
                [--only ID] [--baseline xcorr|logmel-dtw] [--jobs 2] [--generate quick|full]

Pass criteria (a pair fails on any of them; exit 0 only if every pair passes):
  re-performed  |offset_seconds - bulk_sync| <= 20 ms (bulk_sync = median word-onset difference)
  warp (--warp) p95 over the pair's words of |guide time the take's onset maps to - guide onset|
                <= 10 ms, for every genuine pair (re-performed and clean)
  clean         |offset_samples - truth| <= 0.5 sample, and "inverted" right when reported
  confidence    genuine > 0.5, wrong < 0.5 (a wrong pair refused with exit 2 counts as < 0.5)
With --out the binary also writes the aligned take (into a temporary directory) and the
sync_score it reports is listed.  The binary is copied to a private temporary directory first,
so a rebuild while this runs does not change what is measured."""
import argparse
import fnmatch
import json
import math
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from adrlib import CONFIDENCE_THRESHOLD  # noqa: E402

OFFSET_MS = 20.0
WARP_P95_MS = 10.0
CLEAN_SAMPLES = 0.5
TIMEOUT_S = 180


def load_set(setdir, only):
    with open(os.path.join(setdir, 'set.json')) as f:
        index = json.load(f)
    out = []
    for p in index['pairs']:
        if only and not (only in p['id'] or fnmatch.fnmatch(p['id'], only)):
            continue
        with open(os.path.join(setdir, p['id'], 'labels.json')) as f:
            out.append(json.load(f))
    return index, out


def finite(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def run_binary(binary, setdir, lab, warp, out, tmp):
    d = os.path.join(setdir, lab['id'])
    cmd = [binary, 'align', os.path.join(d, 'guide.wav'), os.path.join(d, 'take.wav'), '--json']
    if warp:
        cmd.append('--warp')
    if out:
        cmd += ['--out', os.path.join(tmp, lab['id'] + '.aligned.wav')]
    t0 = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {'error': f'timeout after {TIMEOUT_S} s'}, time.time() - t0
    dt = time.time() - t0
    if p.returncode != 0:
        return {'error': f'exit {p.returncode}: {p.stderr.strip()[-200:]}', 'exit': p.returncode}, dt
    try:
        return json.loads(p.stdout), dt
    except ValueError as e:
        return {'error': f'bad JSON: {e}'}, dt
    finally:
        if out:
            try:
                os.unlink(os.path.join(tmp, lab['id'] + '.aligned.wav'))
            except OSError:
                pass


def run_baseline(name, setdir, lab):
    import baselines
    d = os.path.join(setdir, lab['id'])
    t0 = time.time()
    try:
        r = baselines.BASELINES[name](os.path.join(d, 'guide.wav'), os.path.join(d, 'take.wav'))
    except Exception as e:  # noqa: BLE001 - a baseline that throws is a failed pair
        r = {'error': f'{type(e).__name__}: {e}'}
    return r, time.time() - t0


def warp_word_errors(warp, lab):
    """Signed errors (s) of the guide time each take word onset maps to through the warp map,
    against that word's guide onset.  None (with a reason) if the map is unusable."""
    if not isinstance(warp, list) or len(warp) < 1:
        return None, 'no warp map'
    try:
        w = np.array(warp, dtype=float)
    except (TypeError, ValueError):
        return None, 'warp map not numeric'
    if w.ndim != 2 or w.shape[1] != 2 or not np.all(np.isfinite(w)):
        return None, 'warp map has non-finite values'
    g, t = w[:, 0], w[:, 1]
    if len(w) > 1 and (np.any(np.diff(g) <= 0) or np.any(np.diff(t) <= 0)):
        return None, 'warp map not strictly increasing'
    t_on = np.array(lab['take_onsets'])
    g_on = np.array(lab['guide_onsets'])
    est = np.interp(t_on, t, g)
    before, after = t_on < t[0], t_on > t[-1]   # beyond the map: extend at slope 1
    est[before] = g[0] + (t_on[before] - t[0])
    est[after] = g[-1] + (t_on[after] - t[-1])
    return est - g_on, None


def score(lab, r, dt, warp):
    """One pair's figures and its list of failures."""
    s = {'id': lab['id'], 'category': lab['category'], 'kind': lab['kind'],
         'seconds': round(dt, 3), 'fail': []}
    if 'error' in r:
        s['error'] = r['error']
        if lab['category'] == 'wrong' and r.get('exit') == 2:
            s['confidence'] = None
            s['refused'] = True
        else:
            s['fail'].append(f'no result ({r["error"]})')
        return s
    conf = r.get('confidence')
    s['confidence'] = conf if finite(conf) else None
    if lab['genuine']:
        if not (finite(conf) and conf > CONFIDENCE_THRESHOLD):
            s['fail'].append(f'confidence {conf:.3f} <= {CONFIDENCE_THRESHOLD}' if finite(conf) else f'confidence {conf}')
    elif not (finite(conf) and conf < CONFIDENCE_THRESHOLD):
        s['fail'].append(f'confidence {conf:.3f} >= {CONFIDENCE_THRESHOLD} on a wrong take' if finite(conf) else f'confidence {conf} on a wrong take')
    off = r.get('offset_seconds')
    if lab['category'] == 're-performed':
        if finite(off):
            e = 1000 * (off - lab['bulk_sync'])
            s['offset_error_ms'] = round(e, 2)
            if abs(e) > OFFSET_MS:
                s['fail'].append(f'offset error {e:+.1f} ms')
        else:
            s['fail'].append('no offset')
    if lab['category'] == 'clean':
        rate = r.get('sample_rate') or lab['guide']['rate']
        o = r.get('offset_samples')
        if not finite(o) and finite(off):
            o = off * rate
        if finite(o):
            e = o - lab['offset_samples']
            s['offset_error_samples'] = round(e, 4)
            if abs(e) > CLEAN_SAMPLES:
                s['fail'].append(f'offset error {e:+.3f} samples')
        else:
            s['fail'].append('no offset')
        if 'inverted' in r:
            want = lab['expected_polarity'] == 'inverted'
            s['polarity_ok'] = bool(r['inverted']) == want
            if not s['polarity_ok']:
                s['fail'].append(f'inverted {r["inverted"]}, expected {want}')
    if warp and lab['genuine']:
        errs, why = warp_word_errors(r.get('warp'), lab)
        if errs is None:
            s['warp_error'] = why
            s['fail'].append(f'warp: {why}')
        else:
            a = np.abs(errs) * 1000
            s['warp_p95_ms'] = round(float(np.percentile(a, 95)), 2)
            s['warp_median_ms'] = round(float(np.median(a)), 2)
            s['warp_max_ms'] = round(float(a.max()), 2)
            if s['warp_p95_ms'] > WARP_P95_MS:
                s['fail'].append(f'warp word p95 {s["warp_p95_ms"]:.1f} ms')
    ss = r.get('sync_score')
    if isinstance(ss, dict):
        s['sync_score'] = {k: ss.get(k) for k in ('median_ms', 'p95_ms', 'segments')}
    if 'inverted' in r and lab['category'] != 'clean':
        s['inverted_reported'] = r['inverted']
    return s


def _worker(args):
    mode, setdir, lab, warp, out, tmp = args
    if mode.startswith('bin:'):
        r, dt = run_binary(mode[4:], setdir, lab, warp, out, tmp)
    else:
        r, dt = run_baseline(mode, setdir, lab)
    return score(lab, r, dt, warp and ('warp' in r or mode.startswith('bin:')))


def pct(v, q):
    return float(np.percentile(v, q)) if len(v) else None


def summarise(scores, warp):
    by = {}
    for s in scores:
        by.setdefault(s['category'], []).append(s)
    out = {}
    rp = by.get('re-performed', [])
    if rp:
        e = [abs(s['offset_error_ms']) for s in rp if 'offset_error_ms' in s]
        out['re-performed'] = {
            'pairs': len(rp), 'offset_within_20ms': sum(1 for x in e if x <= OFFSET_MS),
            'offset_abs_error_ms': {'median': pct(e, 50), 'p95': pct(e, 95), 'max': max(e) if e else None}}
    cl = by.get('clean', [])
    if cl:
        e = [abs(s['offset_error_samples']) for s in cl if 'offset_error_samples' in s]
        pol = [s['polarity_ok'] for s in cl if 'polarity_ok' in s]
        out['clean'] = {'pairs': len(cl), 'within_half_sample': sum(1 for x in e if x <= CLEAN_SAMPLES),
                        'abs_error_samples': {'median': pct(e, 50), 'max': max(e) if e else None},
                        'polarity_reported': len(pol), 'polarity_correct': sum(pol)}
    if warp:
        gen = [s for s in scores if s['category'] != 'wrong']
        p = [s['warp_p95_ms'] for s in gen if 'warp_p95_ms' in s]
        out['warp'] = {'pairs': len(gen), 'p95_within_10ms': sum(1 for x in p if x <= WARP_P95_MS),
                       'invalid_maps': sum(1 for s in gen if 'warp_error' in s),
                       'pair_p95_ms': {'median': pct(p, 50), 'max': max(p) if p else None}}
    gconf = [s['confidence'] for s in scores if s['category'] != 'wrong' and s.get('confidence') is not None]
    wconf = [s['confidence'] if s.get('confidence') is not None else 0.0
             for s in scores if s['category'] == 'wrong' and (s.get('confidence') is not None or s.get('refused'))]
    ngen = sum(1 for s in scores if s['category'] != 'wrong')
    nwr = sum(1 for s in scores if s['category'] == 'wrong')
    c = {'genuine_pairs': ngen, 'genuine_above': sum(1 for x in gconf if x > CONFIDENCE_THRESHOLD),
         'wrong_pairs': nwr, 'wrong_below': sum(1 for x in wconf if x < CONFIDENCE_THRESHOLD),
         'wrong_refused': sum(1 for s in scores if s.get('refused')),
         'min_genuine': min(gconf) if gconf else None, 'max_wrong': max(wconf) if wconf else None}
    c['margin'] = (c['min_genuine'] - c['max_wrong']) if gconf and wconf else None
    c['separated'] = bool(gconf and wconf and len(gconf) == ngen and c['min_genuine'] > CONFIDENCE_THRESHOLD
                          and c['max_wrong'] < CONFIDENCE_THRESHOLD and len(wconf) == nwr)
    out['confidence'] = c
    ss = [s['sync_score'] for s in scores if isinstance(s.get('sync_score'), dict)]
    if ss:
        med = [x['median_ms'] for x in ss if finite(x.get('median_ms'))]
        p95 = [x['p95_ms'] for x in ss if finite(x.get('p95_ms'))]
        out['sync_score'] = {'pairs': len(ss), 'median_of_median_ms': pct(med, 50),
                             'median_of_p95_ms': pct(p95, 50), 'max_p95_ms': max(p95) if p95 else None}
    out['failing_pairs'] = sum(1 for s in scores if s['fail'])
    out['pairs'] = len(scores)
    return out


def fmt(x, spec='.1f'):
    return '-' if x is None else format(x, spec)


def print_report(scores, summ, who, warp):
    print(f'ADR set evaluation: {who}, {summ["pairs"]} pairs')
    bad = [s for s in scores if s['fail']]
    if bad:
        print(f'\nfailing pairs ({len(bad)}):')
        print(f'  {"id":<40} {"conf":>6} {"off ms":>8} {"off smp":>8} {"warp95":>7}  why')
        for s in bad:
            print(f'  {s["id"]:<40} {fmt(s.get("confidence"), ".3f"):>6} {fmt(s.get("offset_error_ms"), "+.1f"):>8} '
                  f'{fmt(s.get("offset_error_samples"), "+.3f"):>8} {fmt(s.get("warp_p95_ms")):>7}  '
                  + '; '.join(s['fail']))
    print('\nsummary:')
    r = summ.get('re-performed')
    if r:
        e = r['offset_abs_error_ms']
        print(f'  re-performed  offset within {OFFSET_MS:.0f} ms: {r["offset_within_20ms"]}/{r["pairs"]}  '
              f'|error| median {fmt(e["median"])} ms, p95 {fmt(e["p95"])} ms, max {fmt(e["max"])} ms')
    if warp and 'warp' in summ:
        w = summ['warp']
        print(f'  warp          word p95 within {WARP_P95_MS:.0f} ms: {w["p95_within_10ms"]}/{w["pairs"]} genuine pairs  '
              f'(pair p95 median {fmt(w["pair_p95_ms"]["median"])} ms, max {fmt(w["pair_p95_ms"]["max"])} ms, '
              f'{w["invalid_maps"]} unusable maps)')
    c = summ.get('clean')
    if c:
        pol = (f', polarity right {c["polarity_correct"]}/{c["polarity_reported"]}' if c['polarity_reported']
               else ', polarity not reported')
        print(f'  clean         within {CLEAN_SAMPLES} sample: {c["within_half_sample"]}/{c["pairs"]}  '
              f'|error| median {fmt(c["abs_error_samples"]["median"], ".3f")}, max {fmt(c["abs_error_samples"]["max"], ".3f")} samples{pol}')
    k = summ['confidence']
    print(f'  confidence    genuine > {CONFIDENCE_THRESHOLD}: {k["genuine_above"]}/{k["genuine_pairs"]}, '
          f'wrong < {CONFIDENCE_THRESHOLD}: {k["wrong_below"]}/{k["wrong_pairs"]}'
          + (f' ({k["wrong_refused"]} refused)' if k['wrong_refused'] else '')
          + f'; min genuine {fmt(k["min_genuine"], ".3f")}, max wrong {fmt(k["max_wrong"], ".3f")}, '
          f'margin {fmt(k["margin"], "+.3f")}, separated: {"yes" if k["separated"] else "no"}')
    if 'sync_score' in summ:
        q = summ['sync_score']
        print(f'  sync_score    reported on {q["pairs"]} pairs: median of median_ms {fmt(q["median_of_median_ms"])}, '
              f'median of p95_ms {fmt(q["median_of_p95_ms"])}, max p95_ms {fmt(q["max_p95_ms"])}')
    print(f'\n{"PASS" if not summ["failing_pairs"] else "FAIL"}: {summ["failing_pairs"]} of {summ["pairs"]} pairs fail')


def write_svg(path, scores, label):
    """Strip plot + histogram of the confidences, genuine above, wrong below, threshold line."""
    W, H, x0, x1 = 760, 316, 90, 730
    groups = [('genuine', '#2a7ab0', [s['confidence'] for s in scores if s['category'] != 'wrong']),
              ('wrong', '#c0392b', [s['confidence'] if s.get('confidence') is not None else 0.0
                                    for s in scores if s['category'] == 'wrong'])]

    def X(c):
        return x0 + (x1 - x0) * min(1.0, max(0.0, c))
    el = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
          'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
          f'<rect width="{W}" height="{H}" fill="white"/>',
          f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">{escape(label)}</text>']
    band = [(40, 140), (150, 250)]
    for (name, col, vals), (top, bot) in zip(groups, band):
        vals = [v for v in vals if v is not None]
        el.append(f'<text x="{x0 - 10}" y="{(top + bot) / 2}" text-anchor="end">{name}</text>')
        el.append(f'<text x="{x0 - 10}" y="{(top + bot) / 2 + 14}" text-anchor="end" fill="#666">n={len(vals)}</text>')
        el.append(f'<line x1="{x0}" y1="{bot}" x2="{x1}" y2="{bot}" stroke="#bbb"/>')
        if vals:
            h, edges = np.histogram(np.clip(vals, 0, 1), bins=25, range=(0, 1))
            scale = (bot - top - 30) / max(1, h.max())
            for k, n in enumerate(h):
                if n:
                    el.append(f'<rect x="{X(edges[k]) + 1:.1f}" y="{bot - n * scale:.1f}" width="{X(edges[k + 1]) - X(edges[k]) - 2:.1f}" '
                              f'height="{n * scale:.1f}" fill="{col}" fill-opacity="0.25"/>')
            rng = np.random.default_rng(3)
            for v in vals:
                y = top + 8 + rng.uniform(0, 16)
                el.append(f'<circle cx="{X(v):.1f}" cy="{y:.1f}" r="3" fill="{col}" fill-opacity="0.8"/>')
    for k in range(11):
        c = k / 10
        el.append(f'<line x1="{X(c)}" y1="250" x2="{X(c)}" y2="255" stroke="#333"/>')
        el.append(f'<text x="{X(c)}" y="268" text-anchor="middle">{c:.1f}</text>')
    el.append(f'<text x="{(x0 + x1) / 2}" y="288" text-anchor="middle">confidence</text>')
    t = X(CONFIDENCE_THRESHOLD)
    el.append(f'<line x1="{t}" y1="34" x2="{t}" y2="252" stroke="#111" stroke-dasharray="5,4"/>')
    el.append(f'<text x="{t + 4}" y="46" fill="#111">threshold {CONFIDENCE_THRESHOLD}</text>')
    g = [v for v in groups[0][2] if v is not None]
    w = groups[1][2]
    if g and w:
        el.append(f'<text x="{x1}" y="308" text-anchor="end" fill="#444">min genuine {min(g):.3f}, '
                  f'max wrong {max(w):.3f}, margin {min(g) - max(w):+.3f}</text>')
    el.append('</svg>')
    with open(path, 'w') as f:
        f.write('\n'.join(el) + '\n')


def escape(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('setdir')
    ap.add_argument('--bin', help='the loopstage binary')
    ap.add_argument('--baseline', choices=['xcorr', 'logmel-dtw'], help='score a baseline instead of --bin')
    ap.add_argument('--warp', action='store_true', help='ask for --warp and score the warp map')
    ap.add_argument('--out', action='store_true', help='also pass --out (aligned take into a temp dir)')
    ap.add_argument('--json', action='store_true', help='print the results as one JSON object')
    ap.add_argument('--plot', help='write an SVG of the confidence distributions')
    ap.add_argument('--label', default='', help='title of the plot')
    ap.add_argument('--only', help='pairs whose id contains this (or matches this glob)')
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--generate', choices=['quick', 'full'],
                    help='first make the set into SETDIR with make_set.py --cached (only if missing or stale)')
    ap.add_argument('--seed', type=int, default=12, help='with --generate')
    ap.add_argument('--known-failing', metavar='FILE',
                    help='pairs (one id per line, # comments) that may still fail: exit 0 unless another '
                         'pair fails (a ratchet: the issue\'s goal is every pair; this keeps what passes passing)')
    a = ap.parse_args()
    if not a.bin and not a.baseline:
        ap.error('--bin or --baseline is needed')
    if a.generate:
        cmd = [sys.executable, os.path.join(HERE, 'make_set.py'), a.setdir, '--cached',
               '--jobs', str(a.jobs), '--seed', str(a.seed)] + (['--quick'] if a.generate == 'quick' else [])
        subprocess.run(cmd, check=True, stdout=sys.stderr if a.json else None)
    index, labels = load_set(a.setdir, a.only)
    if not labels:
        ap.error('no pairs selected')
    tmp = tempfile.mkdtemp(prefix='adr-eval-')
    try:
        if a.baseline:
            mode, who = a.baseline, f'baseline {a.baseline}'
        else:
            private = os.path.join(tmp, 'loopstage')
            shutil.copy2(a.bin, private)
            mode, who = 'bin:' + private, f'{a.bin} (copied)'
        t0 = time.time()
        jobs = [(mode, a.setdir, lab, a.warp, a.out, tmp) for lab in labels]
        if a.jobs > 1:
            with multiprocessing.Pool(a.jobs) as pool:
                scores = pool.map(_worker, jobs, chunksize=1)
        else:
            scores = [_worker(j) for j in jobs]
        wall = time.time() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    warp_scored = a.warp and (not a.baseline or a.baseline == 'logmel-dtw')
    summ = summarise(scores, warp_scored)
    summ['wall_seconds'] = round(wall, 1)
    if a.plot:
        write_svg(a.plot, scores, a.label or who)
    if a.json:
        print(json.dumps({'who': who, 'set': os.path.abspath(a.setdir), 'seed': index.get('seed'),
                          'quick': index.get('quick'), 'warp': a.warp, 'summary': summ,
                          'passed': summ['failing_pairs'] == 0, 'pairs': scores}, indent=1))
    else:
        print_report(scores, summ, who, warp_scored)
        print(f'({wall:.1f} s wall, --jobs {a.jobs})')
    if a.known_failing:
        return ratchet(a.known_failing, scores)
    return 0 if summ['failing_pairs'] == 0 else 1


def ratchet(path, scores):
    known = set()
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                known.add(line)
    failing = {s['id'] for s in scores if s['fail']}
    seen = {s['id'] for s in scores}
    unexpected = sorted(failing - known)
    fixed = sorted((known & seen) - failing)
    print(f'known failing: {len(known & failing)} of {len(known & seen)} listed still fail ({os.path.basename(path)})')
    if fixed:
        print('now passing (take them off the list): ' + ' '.join(fixed))
    if unexpected:
        print('FAIL: pairs that passed before fail now: ' + ' '.join(unexpected))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
