#!/usr/bin/env bash
# Engine benchmarks (issue 5), side by side in one run:
#  1. DSP load: 128 mono tracks, each with a 4-band EQ and a compressor, 3 stems + master, played
#     by the Player at 64-sample blocks paced like a device callback (target < 50 % of one core).
#  2. Offline render of 32 mono 5-minute tracks to DX/FX/MX stems + printmaster (24-bit WAV),
#     target >= 200x real time, against `sox -m` of the same 32 files into one file (whole
#     processes, wall time). Ardour's ardour7-export is the other peer the issue names; it is not
#     installed here (see docs/ENGINE.md).
# Assumes scripts/build has built build/bin (engine_bench comes with the tests).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${ENGINE_BENCH_BIN:-build/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds=${ENGINE_BENCH_SECONDS:-300}
sox -n -r 48000 -c 1 -b 24 "$work/dsp.wav" synth 30 pinknoise vol 0.3
for i in $(seq 1 32); do
  sox -n -r 48000 -c 1 -b 24 "$work/t$i.wav" synth "$seconds" sine $((100 + i * 37)) vol 0.05
done
# Warm the page cache for both contenders alike.
cat "$work"/t*.wav > /dev/null

read -r load longest period underruns < <("$bin/engine_bench" dsp-load "$work/dsp.wav" --tracks 128 --block 64 --seconds 20)
read -r load2 longest2 _ _ < <("$bin/engine_bench" dsp-load "$work/dsp.wav" --tracks 128 --block 64 --seconds 20 --workers 1)

elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
ls1=$(elapsed "$bin/engine_bench" render "$work/out1" --block 4096 --threads 1 "$work"/t*.wav)
ls2=$(elapsed "$bin/engine_bench" render "$work/out2" --block 4096 --threads 2 "$work"/t*.wav)
soxm=$(elapsed sox -m "$work"/t*.wav -b 24 "$work/sox.wav")

rt() { printf '%.0f' "$(echo "$seconds / $1" | bc -l)"; }
echo "| engine: what | LoopStage | peer | ratio |"
echo "| --- | --- | --- | --- |"
printf '| DSP load, 128 tracks x (EQ + compressor), 64-sample blocks, 1 thread | %s %% of one core (longest block %s ms of %s ms, %s disk underruns) | target < 50 %% | %s x under target |\n' \
  "$load" "$longest" "$period" "$underruns" "$(printf '%.2f' "$(echo "50 / $load" | bc -l)")"
printf '| same, audio thread + 1 worker (time in process() on the audio thread) | %s %% (longest block %s ms) | | |\n' "$load2" "$longest2"
printf '| render 32 mono x %s s -> 3 stereo stems + printmaster, 1 thread | %.2f s (%sx real time) | sox -m -> 1 mono file: %.2f s (%sx) | %.2f |\n' \
  "$seconds" "$ls1" "$(rt "$ls1")" "$soxm" "$(rt "$soxm")" "$(echo "$soxm / $ls1" | bc -l)"
printf '| same, 2 threads | %.2f s (%sx real time) | sox -m: %.2f s | %.2f |\n' \
  "$ls2" "$(rt "$ls2")" "$soxm" "$(echo "$soxm / $ls2" | bc -l)"
