#!/usr/bin/env bash
# Offline render speed (issue 18), side by side in one run: 32 mono 24-bit tracks x 5 min at
# 48 kHz, the plain case (no inserts, no automation).
#   LoopStage: `engine_bench render` (the engine alone: 3 stereo stems + printmaster, 24-bit)
#              and `loopstage render` on the same files as a .lsession (whole process), each
#              with 1 and 2 threads, 4096-sample blocks.
#   Peers:     `sox -m` (the 32 files mixed into one mono 24-bit file) and a numpy sum (read
#              the 32 files, sum, write one mono 24-bit file): what a script would do.
# Whole processes, wall time, files in the page cache; every contender runs RENDER_BENCH_RUNS
# times (default 5) taking turns, and the median is shown (the machine is shared). The peers
# write one mono file; LoopStage writes four stereo ones (3 stems + printmaster).
# RENDER_BENCH_SECONDS shortens the tracks; RENDER_BENCH_BIN=<dir> uses another build;
# RENDER_BENCH_BEFORE=<dir> adds that build's engine_bench (1 and 2 threads) to the same turns.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${RENDER_BENCH_BIN:-build/bin}
before=${RENDER_BENCH_BEFORE:-}
runs=${RENDER_BENCH_RUNS:-5}
seconds=${RENDER_BENCH_SECONDS:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 32 sine files t1..t32.wav and bench.lsession mixing them (shared with the other render bench).
. "$(dirname "${BASH_SOURCE[0]}")/session.lib"
bench_session "$work" "$seconds"
# The numpy peer: 24-bit little-endian PCM in and out, summed in float64 and scaled like sox -m.
cat > "$work/numpy_sum.py" <<'PY'
import struct, sys
import numpy as np
out, files = sys.argv[1], sys.argv[2:]

def data_of(path):
    """The data chunk of a RIFF WAVE file (sox writes 24-bit as WAVE_FORMAT_EXTENSIBLE, which
    Python's wave module refuses), as bytes."""
    with open(path, "rb") as f:
        raw = f.read()
    pos = 12
    while pos + 8 <= len(raw):
        tag, size = raw[pos:pos + 4], struct.unpack("<I", raw[pos + 4:pos + 8])[0]
        if tag == b"data":
            return np.frombuffer(raw, dtype=np.uint8, count=size, offset=pos + 8)
        pos += 8 + size + (size & 1)
    raise SystemExit(path + ": no data chunk")

total = None
for f in files:
    b = data_of(f).reshape(-1, 3)
    pcm = (b[:, 0].astype(np.int32) | (b[:, 1].astype(np.int32) << 8) | (b[:, 2].astype(np.int32) << 16))
    pcm = (pcm << 8) >> 8
    total = pcm.astype(np.float64) if total is None else total + pcm
mixed = np.clip(np.rint(total / len(files)), -(1 << 23), (1 << 23) - 1).astype(np.int32)
packed = np.empty((mixed.size, 3), dtype=np.uint8)
packed[:, 0] = mixed & 0xFF
packed[:, 1] = (mixed >> 8) & 0xFF
packed[:, 2] = (mixed >> 16) & 0xFF
body = packed.tobytes()
with open(out, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + len(body)) + b"WAVE")
    f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 48000, 48000 * 3, 3, 24))
    f.write(b"data" + struct.pack("<I", len(body)) + body)
PY

elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cat "$work"/t*.wav > /dev/null
e1=() e2=() c1=() c2=() sx=() np=() b1=() b2=()
for r in $(seq 1 "$runs"); do
  rm -rf "$work"/o1 "$work"/o2 "$work"/c1 "$work"/c2 "$work"/sox.wav "$work"/np.wav
  e1+=("$(elapsed "$bin/engine_bench" render "$work/o1" --block 4096 --threads 1 "$work"/t*.wav)")
  sx+=("$(elapsed sox -m "$work"/t*.wav -b 24 "$work/sox.wav")")
  e2+=("$(elapsed "$bin/engine_bench" render "$work/o2" --block 4096 --threads 2 "$work"/t*.wav)")
  np+=("$(elapsed /usr/bin/python3 "$work/numpy_sum.py" "$work/np.wav" "$work"/t*.wav)")
  c1+=("$(elapsed "$bin/loopstage" render "$work/bench.lsession" --out "$work/c1" --block 4096 --threads 1 --quiet)")
  c2+=("$(elapsed "$bin/loopstage" render "$work/bench.lsession" --out "$work/c2" --block 4096 --threads 2 --quiet)")
  if [ -n "$before" ]; then
    rm -rf "$work"/b1 "$work"/b2
    b1+=("$(elapsed "$before/engine_bench" render "$work/b1" --block 4096 --threads 1 "$work"/t*.wav)")
    b2+=("$(elapsed "$before/engine_bench" render "$work/b2" --block 4096 --threads 2 "$work"/t*.wav)")
  fi
done
e1=$(median "${e1[@]}") e2=$(median "${e2[@]}") c1=$(median "${c1[@]}") c2=$(median "${c2[@]}")
sx=$(median "${sx[@]}") np=$(median "${np[@]}")

rt() { printf '%.0f' "$(echo "$seconds / $1" | bc -l)"; }
vs() { printf '%.1fx sox, %.1fx numpy' "$(echo "$sx / $1" | bc -l)" "$(echo "$np / $1" | bc -l)"; }
echo "| render 32 mono x ${seconds} s, 48 kHz 24-bit (median of $runs) | wall time | x real time | LoopStage is faster than |"
echo "| --- | --- | --- | --- |"
printf '| LoopStage engine (engine_bench), 1 thread -> 3 stereo stems + printmaster | %.2f s | %sx | %s |\n' "$e1" "$(rt "$e1")" "$(vs "$e1")"
printf '| LoopStage engine (engine_bench), 2 threads | %.2f s | %sx | %s |\n' "$e2" "$(rt "$e2")" "$(vs "$e2")"
printf '| `loopstage render --threads 1` on the .lsession (whole process) | %.2f s | %sx | %s |\n' "$c1" "$(rt "$c1")" "$(vs "$c1")"
printf '| `loopstage render --threads 2` | %.2f s | %sx | %s |\n' "$c2" "$(rt "$c2")" "$(vs "$c2")"
if [ -n "$before" ]; then
  b1=$(median "${b1[@]}") b2=$(median "${b2[@]}")
  printf '| before (%s), engine_bench, 1 thread | %.2f s | %sx | %s |\n' "$before" "$b1" "$(rt "$b1")" "$(vs "$b1")"
  printf '| before, engine_bench, 2 threads | %.2f s | %sx | %s |\n' "$b2" "$(rt "$b2")" "$(vs "$b2")"
fi
printf '| `sox -m` -> 1 mono file | %.2f s | %sx | |\n' "$sx" "$(rt "$sx")"
printf '| numpy sum (python3) -> 1 mono file | %.2f s | %sx | |\n' "$np" "$(rt "$np")"
printf '\nload average at the end: %s; %s cores\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
