#!/usr/bin/env python3
"""Checks evaluate.py's scoring against the labels themselves (no binary): an oracle that
answers with the truth passes every pair; an offset 25 ms off and a warp 12 ms off both fail.

    selftest.py SETDIR"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate as E  # noqa: E402

n = 0
for f in sorted(glob.glob(os.path.join(sys.argv[1], '*', 'labels.json'))):
    lab = json.load(open(f))
    if lab['genuine']:
        g, t, off = lab['guide_onsets'], lab['take_onsets'], lab['bulk_sync']
        r = {'sample_rate': lab['guide']['rate'], 'offset_seconds': off,
             'offset_samples': lab.get('offset_samples', off * lab['guide']['rate']), 'confidence': 0.9,
             'warp': [[a, b] for a, b in zip(g, t)], 'inverted': lab['expected_polarity'] == 'inverted'}
    else:
        r = {'offset_seconds': 0.0, 'confidence': 0.1}
    s = E.score(lab, r, 0, True)
    assert not s['fail'], (lab['id'], s['fail'])
    if lab['category'] == 're-performed':
        bad = dict(r, offset_seconds=off + 0.025, warp=[[a + 0.012, b] for a, b in zip(g, t)])
        assert len(E.score(lab, bad, 0, True)['fail']) == 2, lab['id']
    n += 1
print(f'selftest: the evaluator scores the truth as passing and 25 ms / 12 ms errors as failing on {n} pairs')
