#!/usr/bin/env bash
# Alignment benchmark (issue 4): a 60 s speech pair at 48 kHz (espeak-ng + sox: the guide with
# pink noise at about 10 dB SNR, 50 Hz hum and reverb; the take clean, EQ'd and 1.234567 s later),
# `loopstage align` against what a user would script: /usr/bin/python3 + scipy.signal.correlate(method='fft')
# with scipy.io.wavfile reading both files. Whole process each, same run, wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${ALIGN_BENCH_BIN:-build/bin/loopstage}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
offset=1.2345625   # 59259 samples at 48 kHz: sox pads whole samples

text="Get down, they are coming through the north gate. We have maybe ten minutes before the whole place goes up. \
Where were you on the night of the fire? I told you never to come back here, not after what you did to my brother. \
Keep the line tight and watch the window. Seven ships sailed at dawn towards the islands in the east."
: > "$work/list"
i=0
while [ "$(soxi -D "$work/speech.wav" 2>/dev/null || echo 0)" \< 60 ] && [ $i -lt 12 ]; do
  voice=$([ $((i % 2)) -eq 0 ] && echo en-us || echo en-gb)
  espeak-ng -v "$voice" -s $((140 + (i * 13) % 50)) -w "$work/p$i.wav" "$text"
  sox "$work/p$i.wav" -r 48000 "$work/q$i.wav" pad 0 0.4
  i=$((i + 1))
  sox "$work"/q*.wav "$work/speech.wav"
done
sox "$work/speech.wav" "$work/clean.wav" trim 0 60 pad 2 2
len=$(soxi -D "$work/clean.wav")
sox -n -r 48000 -c 1 "$work/noise.wav" synth "$len" pinknoise synth "$len" sine mix 50 vol 0.08
sox -m "$work/clean.wav" "$work/noise.wav" -b 24 "$work/guide.wav" reverb 40 50 60
# The take: the same speech 59259 samples later, EQ'd like a booth mic (fractional offsets are
# covered by the tests).
sox "$work/clean.wav" -b 24 "$work/take.wav" pad "$offset" gain -8 highpass 150 equalizer 3000 1q 6 trim 0 "$len"

cat > "$work/xcorr.py" <<'PY'
import sys
import numpy as np
from scipy.io import wavfile
from scipy.signal import correlate
rg, g = wavfile.read(sys.argv[1]); rt, t = wavfile.read(sys.argv[2])
g = g.astype(np.float64); t = t.astype(np.float64)
if g.ndim > 1: g = g.mean(axis=1)
if t.ndim > 1: t = t.mean(axis=1)
c = correlate(t, g, mode='full', method='fft')
k = int(np.argmax(c))
# parabolic sub-sample peak, as a careful user would add
if 0 < k < len(c) - 1:
    a, b, d = c[k - 1], c[k], c[k + 1]
    k = k + 0.5 * (a - d) / (a - 2 * b + d)
print((k - (len(g) - 1)) / rg)
PY

cat "$work"/guide.wav "$work"/take.wav > /dev/null
/usr/bin/python3 -c "import scipy.signal, scipy.io.wavfile" # warm the module cache
t0=$(date +%s.%N); ls_out=$("$bin" align "$work/guide.wav" "$work/take.wav" --json); t1=$(date +%s.%N)
py_out=$(/usr/bin/python3 "$work/xcorr.py" "$work/guide.wav" "$work/take.wav"); t2=$(date +%s.%N)
ls_time=$(echo "$t1 - $t0" | bc -l); py_time=$(echo "$t2 - $t1" | bc -l)
ls_off=$(echo "$ls_out" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['offset_seconds'])")
ls_conf=$(echo "$ls_out" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['confidence'])")
err() { /usr/bin/python3 -c "print('%.3f' % (abs($1 - $offset) * 48000))"; }
rss=$( { /usr/bin/time -f %M "$bin" align "$work/guide.wav" "$work/take.wav" > /dev/null; } 2>&1 )

echo "| align: 60 s pair at 48 kHz, known offset $offset s | LoopStage | python3 + scipy correlate(fft) | ratio |"
echo "| --- | --- | --- | --- |"
printf '| wall time, whole process | %.3f s | %.3f s | %.1fx faster |\n' "$ls_time" "$py_time" "$(echo "$py_time / $ls_time" | bc -l)"
printf '| offset error | %s samples (confidence %.3f) | %s samples | |\n' "$(err "$ls_off")" "$ls_conf" "$(err "$py_out")"
printf '| peak RSS | %s MB | | |\n' "$((rss / 1024))"
