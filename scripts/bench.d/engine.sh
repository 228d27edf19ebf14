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
# The same 32 files as a session, rendered by the CLI (whole process: load, render, write).
python3 - "$work" "$seconds" <<'PY'
import json, sys
work, seconds = sys.argv[1], float(sys.argv[2])
def strip(id, ch, out):
    return {"id": id, "name": id, "channels": ch, "output": out, "sends": [], "inserts": [], "automation": []}
tracks, regions = [], []
for i in range(1, 33):
    t = strip("t%d" % i, 1, ["stem-dx", "stem-fx", "stem-mx"][i % 3]); t["kind"] = "dx"; t["gain_db"] = -6.0
    tracks.append(t)
    regions.append({"id": "r%d" % i, "track": "t%d" % i, "file": "t%d.wav" % i, "position": 0.0, "length": seconds})
buses = []
for id, name in (("stem-dx", "DX"), ("stem-fx", "FX"), ("stem-mx", "MX")):
    b = strip(id, 2, "master"); b["name"] = name; b["stem"] = True; buses.append(b)
json.dump({"format": "loopstage-session", "schema_version": 1, "name": "bench", "sample_rate": 48000.0,
           "frame_rate": "24", "start_timecode": "01:00:00:00", "tracks": tracks, "regions": regions,
           "buses": buses, "master": strip("master", 2, "")}, open(work + "/bench.lsession", "w"))
PY
cli2=$(elapsed "$bin/loopstage" render "$work/bench.lsession" --out "$work/cli" --block 4096 --threads 2 --quiet)

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
printf '| same as a .lsession through `loopstage render --threads 2` | %.2f s (%sx real time) | sox -m: %.2f s | %.2f |\n' \
  "$cli2" "$(rt "$cli2")" "$soxm" "$(echo "$soxm / $cli2" | bc -l)"
