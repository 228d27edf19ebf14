#!/usr/bin/env bash
# Loudness benchmarks (issue 6), side by side in one run:
#  1. Speed and agreement of `loopstage loudness` (I, LRA, true peak) against ffmpeg
#     `ebur128=peak=true` and libebur128 (I + LRA + true peak; a small C program compiled here
#     against Debian's libebur128-dev) on 10-minute stereo 48 kHz files: dialogue over a bed
#     (peaky, typical) and dense pink noise (every block near the peak: no skipping possible).
#  2. Normalisation accuracy on peaky material (2 minutes of speech + hits over a bed):
#     `loopstage normalize` against ffmpeg `loudnorm` two-pass linear, both outputs measured at
#     16x by `loopstage qc`.
#  3. True-peak error on worst cases (sinc pulses, bursts to 23.9 kHz, squares, clipped drums)
#     against an ideal FFT interpolator: LoopStage, ffmpeg, libebur128.
# Assumes scripts/build has built build/bin/loopstage.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${LOUDNESS_BENCH_BIN:-build/bin}
out=bench-out
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds=${LOUDNESS_BENCH_SECONDS:-600}

# libebur128 peer.
cat > "$out/ebur128_peer.c" <<'C'
#include <ebur128.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
int main (int argc, char** argv)
{
    SF_INFO info = { 0 };
    SNDFILE* f = sf_open (argv[1], SFM_READ, &info);
    if (! f) { fprintf (stderr, "cannot open %s\n", argv[1]); return 2; }
    ebur128_state* st = ebur128_init ((unsigned) info.channels, (unsigned long) info.samplerate,
                                      EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK);
    float* buf = malloc (sizeof (float) * 65536 * info.channels);
    sf_count_t n;
    while ((n = sf_readf_float (f, buf, 65536)) > 0)
        ebur128_add_frames_float (st, buf, (size_t) n);
    double i, lra, tp = 0, p;
    ebur128_loudness_global (st, &i);
    ebur128_loudness_range (st, &lra);
    for (int c = 0; c < info.channels; ++c) { ebur128_true_peak (st, (unsigned) c, &p); if (p > tp) tp = p; }
    printf ("%.2f %.2f %.2f\n", i, lra, 20 * log10 (tp));
    return 0;
}
C
sed -i 's/#include <stdlib.h>/#include <stdlib.h>\n#include <math.h>/' "$out/ebur128_peer.c"
gcc -O2 -o "$out/ebur128_peer" "$out/ebur128_peer.c" -lebur128 -lsndfile -lm

# Material.
espeak-ng -w "$work/line.wav" "We go in on three. One, two. Wait. Did you hear that? Keep your voice down, they are close." 2>/dev/null
sox "$work/line.wav" -r 48000 -c 2 "$work/line48.wav" pad 0.3 0.7
sox -n -r 48000 -c 2 "$work/hit.wav" synth 0.08 whitenoise fade 0 0.08 0.07 vol 0.98
sox "$work/line48.wav" "$work/hit.wav" "$work/scene.wav"
sox "$work/scene.wav" "$work/dx.wav" repeat $(( seconds / 7 + 1 )) trim 0 "$seconds"
sox -n -r 48000 -c 2 "$work/bed.wav" synth "$seconds" pinknoise tremolo 0.2 50 vol 0.03
sox -m "$work/dx.wav" "$work/bed.wav" -b 24 "$work/dialogue.wav"
sox -n -r 48000 -c 2 -b 24 "$work/dense.wav" synth "$seconds" pinknoise vol 0.5
sox "$work/dialogue.wav" "$work/peaky.wav" trim 0 "${LOUDNESS_NORMALISE_SECONDS:-120}"
cat "$work"/dialogue.wav "$work"/dense.wav > /dev/null

elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" > "$work/last.out" 2> "$work/last.err"; t1=$(date +%s.%N); printf '%.2f' "$(echo "$t1 - $t0" | bc -l)"; }
ff_summary() { awk -v k="$1:" '/Summary:/{s=1} s && $1==k {print $2; exit}' "$work/last.err"; }

echo "| loudness, ${seconds} s stereo 48 kHz | LoopStage | ffmpeg ebur128=peak=true | libebur128 (I+LRA+TP) | speed-up vs ffmpeg |"
echo "| --- | --- | --- | --- | --- |"
for name in dialogue dense; do
  f="$work/$name.wav"
  tl=$(elapsed "$bin/loopstage" loudness "$f" --json)
  read -r li llra ltp < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["integrated_lufs"], d["lra_lu"], d["true_peak_dbtp"])' "$work/last.out")
  tf=$(elapsed ffmpeg -hide_banner -nostats -i "$f" -af ebur128=peak=true -f null -)
  fi=$(ff_summary I); flra=$(ff_summary LRA); ftp=$(ff_summary Peak)
  te=$(elapsed "$out/ebur128_peer" "$f")
  read -r ei elra etp < "$work/last.out"
  printf '| %s: time | %s s | %s s | %s s | %.1fx |\n' "$name" "$tl" "$tf" "$te" "$(echo "$tf / $tl" | bc -l)"
  printf '| %s: I / LRA / TP | %s / %s / %s | %s / %s / %s | %s / %s / %s | |\n' "$name" "$li" "$llra" "$ltp" "$fi" "$flra" "$ftp" "$ei" "$elra" "$etp"
done
tl1=$(elapsed taskset -c 0 "$bin/loopstage" loudness "$work/dense.wav" --json)
printf '| dense, LoopStage on one core (taskset) | %s s | | | |\n' "$tl1"

echo
echo "| normalise peaky dialogue ($(printf %.0f "$(soxi -D "$work/peaky.wav")") s) | target | LoopStage: I / TP@16x / time (passes) | ffmpeg loudnorm 2-pass linear: I / TP@16x / time |"
echo "| --- | --- | --- | --- |"
for spec in ebu-r128:-23:-1 apple-podcasts:-16:-1 spotify:-14:-1; do
  IFS=: read -r name target tp <<< "$spec"
  tl=$(elapsed "$bin/loopstage" normalize "$work/peaky.wav" "$work/ls-$name.wav" --spec "$name" --json)
  passes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["passes"])' "$work/last.out")
  "$bin/loopstage" qc "$work/ls-$name.wav" --spec "$name" --json > "$work/qc.json" || true
  read -r li ltp < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["measurements"]; print(m["integrated_lufs"], m["true_peak_dbtp"])' "$work/qc.json")
  t0=$(date +%s.%N)
  ffmpeg -hide_banner -nostats -i "$work/peaky.wav" -af "loudnorm=I=$target:TP=$tp:LRA=20:print_format=json" -f null - 2> "$work/pass1.err"
  read -r mi mtp mlra mth moff < <(python3 - "$work/pass1.err" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
d = json.loads(text[text.rindex("{"):text.rindex("}") + 1])
print(d["input_i"], d["input_tp"], d["input_lra"], d["input_thresh"], d["target_offset"])
PY
)
  ffmpeg -hide_banner -nostats -y -i "$work/peaky.wav" -af "loudnorm=I=$target:TP=$tp:LRA=20:measured_I=$mi:measured_TP=$mtp:measured_LRA=$mlra:measured_thresh=$mth:offset=$moff:linear=true" -ar 48000 -c:a pcm_s24le "$work/ff-$name.wav" 2> /dev/null
  t1=$(date +%s.%N)
  "$bin/loopstage" qc "$work/ff-$name.wav" --spec "$name" --json > "$work/qc.json" || true
  read -r fi ftp < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["measurements"]; print(m["integrated_lufs"], m["true_peak_dbtp"])' "$work/qc.json")
  printf '| %s | %s LUFS, %s dBTP | %s / %s / %s s (%s) | %s / %s / %.2f s |\n' "$name" "$target" "$tp" "$li" "$ltp" "$tl" "$passes" "$fi" "$ftp" "$(echo "$t1 - $t0" | bc -l)"
done

# 3. True-peak error on the worst cases for an interpolator, against an ideal band-limited
#    interpolator (FFT of the zero-padded file, 64x): sinc pulses between samples, 20-23.9 kHz
#    bursts, naive square waves, hard-clipped drums, at 44.1, 48 and 96 kHz.
/usr/bin/python3 - "$work" <<'PY'
import numpy as np, sys, wave
from scipy import signal
work = sys.argv[1]
rng = np.random.default_rng(3343)
def write(path, x, rate):
    pcm = np.clip(np.round(x * 2**23), -2**23, 2**23 - 1).astype('<i4')
    b = pcm.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    with wave.open(path, 'wb') as w:
        w.setnchannels(1); w.setsampwidth(3); w.setframerate(rate); w.writeframes(b)
    return np.frombuffer(b, dtype=np.uint8).reshape(-1, 3)
cases = []
for rate in (44100, 48000, 96000):
    for d in (0.5, 0.25):
        t = np.arange(8192) - 4096 - d
        cases.append((rate, f"sinc pulse +{d}", 0.6 * np.sinc(t)))
    for hz in (20000, 21500, 23000, 23900):
        if hz > 0.98 * rate / 2 and not (rate == 48000 and hz == 23900):
            continue
        n = int(rate * 0.02); x = np.zeros(n + 8000)
        x[4000:4000 + n] = 0.5 * np.hanning(n) * np.sin(2 * np.pi * hz * np.arange(n) / rate + rng.uniform(0, 6.3))
        cases.append((rate, f"{hz} Hz burst, 20 ms", x))
    for hz in (997, 7001):
        t = np.arange(int(rate * 0.2)) / rate
        cases.append((rate, f"square {hz} Hz", 0.7 * np.sign(np.sin(2 * np.pi * hz * t + 0.3))))
    x = np.zeros(int(rate * 0.3))
    for k in range(5):
        p = rng.integers(100, len(x) - 3000)
        x[p:p + 3000] += rng.normal(size=3000) * np.exp(-np.arange(3000) / (rate * 0.004))
    cases.append((rate, "clipped drums", 0.7 * np.clip(x / np.abs(x).max() * 1.6, -1, 1)))
with open(f"{work}/tp-cases.txt", "w") as listing:
    for i, (rate, name, x) in enumerate(cases):
        path = f"{work}/tp{i}.wav"
        raw = write(path, x, rate)
        v = (raw[:, 0].astype(np.int32) | (raw[:, 1].astype(np.int32) << 8) | (raw[:, 2].astype(np.int32) << 16))
        v = np.where(v >= 2**23, v - 2**24, v) / 2**23
        pad = np.concatenate([np.zeros(8192), v, np.zeros(8192)])
        ref = 20 * np.log10(np.abs(signal.resample(pad, len(pad) * 64)).max())
        listing.write(f"{path}\t{rate}\t{name}\t{ref:.3f}\n")
PY
echo
echo "| true peak, worst cases | ideal (FFT 64x) dBTP | LoopStage error | ffmpeg ebur128 error | libebur128 error |"
echo "| --- | --- | --- | --- | --- |"
while IFS=$'\t' read -r path rate name ref; do
  ls=$("$bin/loopstage" loudness "$path" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["true_peak_dbtp"])')
  ffmpeg -nostdin -hide_banner -nostats -i "$path" -af ebur128=peak=true -f null - 2> "$work/last.err"
  ff=$(ff_summary Peak)
  eb=$("$out/ebur128_peer" "$path" | awk '{print $3}')
  read -r els eff eeb < <(python3 -c "print('%+.2f %+.2f %+.2f' % ($ls - $ref, $ff - $ref, $eb - $ref))")
  printf '| %s kHz %s | %s | %s | %s | %s |\n' "$(echo "$rate / 1000" | bc -l | sed 's/0*$//; s/\.$//')" "$name" "$ref" "$els" "$eff" "$eeb"
done < "$work/tp-cases.txt"
