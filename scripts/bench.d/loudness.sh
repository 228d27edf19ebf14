#!/usr/bin/env bash
# Loudness benchmarks (issue 6), side by side in one run:
#  1. Speed and agreement of `loopstage loudness` (I, LRA, true peak 8x) against ffmpeg
#     `ebur128=peak=true` and libebur128 (I + LRA + true peak; a small C program compiled here
#     against Debian's libebur128-dev) on 10-minute stereo 48 kHz files: dialogue over a bed
#     (peaky, typical) and dense pink noise (every block near the peak: no skipping possible).
#  2. Normalisation accuracy on peaky material (2 minutes of speech + hits over a bed):
#     `loopstage normalize` against ffmpeg `loudnorm` two-pass linear, both outputs measured at
#     16x by `loopstage qc`.
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
