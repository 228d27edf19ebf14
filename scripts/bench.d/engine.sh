#!/usr/bin/env bash
# Engine benchmarks (issue 5), side by side in one run:
#  1. DSP load: 128 mono tracks, each with a 4-band EQ and a compressor, 3 stems + master, played
#     by the Player at 64-sample blocks paced like a device callback (target < 50 % of one core).
#  2. Offline render of 32 mono 5-minute tracks (24-bit WAV) to DX/FX/MX stems + printmaster
#     (24-bit WAV), target >= 200x real time, against the peers on the same 32 files: `sox -m`
#     into one file, and Ardour's `ardour7-export` (one stereo master) when ardour7-lua and
#     ardour7-export are installed: the session is made by ardour7-lua (32 mono tracks), then
#     sources, regions and the session range are added to its XML (Ardour 7.3's Lua cannot
#     import audio headless).
# Whole processes, wall time; every contender runs ENGINE_BENCH_RUNS times (default 3),
# interleaved, and the median is shown (the machine is shared: single runs are noisy).
# Assumes scripts/build has built build/bin (engine_bench comes with the tests);
# ENGINE_BENCH_BIN=<dir> uses another build's binaries.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${ENGINE_BENCH_BIN:-build/bin}
runs=${ENGINE_BENCH_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds=${ENGINE_BENCH_SECONDS:-300}
sox -n -r 48000 -c 1 -b 24 "$work/dsp.wav" synth 30 pinknoise vol 0.3
# 32 sine files t1..t32.wav and bench.lsession mixing them (shared with the other render bench).
. "$(dirname "${BASH_SOURCE[0]}")/session.lib"
bench_session "$work" "$seconds"

read -r load longest period underruns < <("$bin/engine_bench" dsp-load "$work/dsp.wav" --tracks 128 --block 64 --seconds 20)
read -r load2 longest2 _ _ < <("$bin/engine_bench" dsp-load "$work/dsp.wav" --tracks 128 --block 64 --seconds 20 --workers 1)

# Ardour: 32 mono tracks made by ardour7-lua, their regions added to the session XML.
ardour=0
if command -v ardour7-lua > /dev/null && command -v ardour7-export > /dev/null; then
  cat > "$work/mk.lua" <<LUA
local s = create_session ("$work/bench", "bench", 48000)
assert (s)
Session:new_audio_track (1, 2, nil, 32, "t", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)
Session:save_state ("", false, false, false, false, false)
close_session ()
LUA
  if timeout 120 ardour7-lua "$work/mk.lua" > "$work/ardour-lua.log" 2>&1 && [ -f "$work/bench/bench.ardour" ]; then
    python3 - "$work/bench" "$seconds" "$work"/t{1..32}.wav <<'PY'
import os, re, sys
sess, seconds, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
path = os.path.join(sess, "bench.ardour")
xml = open(path).read()
audio = os.path.join(sess, "interchange", "bench", "audiofiles")
os.makedirs(audio, exist_ok=True)
length = int(round(seconds * 48000))
attrs = ('muted="0" opaque="1" locked="0" video-locked="0" automatic="0" whole-file="%d" import="0" external="0" '
         'sync-marked="0" left-of-split="0" right-of-split="0" hidden="0" position-locked="0" valid-transients="0" '
         'start="0" length="%d" position="0" sync-position="0" ancestral-start="0" ancestral-length="0" stretch="1" '
         'shift="1" layering-index="0" tags="" envelope-active="0" default-fade-in="0" default-fade-out="0" '
         'fade-in-active="1" fade-out-active="1" scale-amplitude="1" type="audio" first-edit="nothing" '
         'source-0="%d" master-source-0="%d" channels="1"')
sources, regions = [], []
for i, f in enumerate(files, 1):
    name = "t%d.wav" % i
    os.symlink(os.path.abspath(f), os.path.join(audio, name))
    source, region, used = 900000 + i, 910000 + i, 920000 + i
    sources.append('    <Source name="%s" type="audio" flags="" id="%d" captured-for="" take-id="" channel="0" origin="%s" gain="1"/>'
                   % (name, source, name))
    regions.append('    <Region name="t%d" %s id="%d"/>' % (i, attrs % (1, length, source, source), region))
    playlist = re.compile(r'(<Playlist id="\d+" name="t %d" type="audio"[^>]*)/>' % i)
    xml, n = playlist.subn(lambda m: m.group(1) + '>\n      <Region name="t%d.1" %s id="%d"/>\n    </Playlist>'
                           % (i, attrs % (0, length, source, source), used), xml, count=1)
    assert n == 1, "no playlist for track %d" % i
xml = xml.replace("<Sources/>", "<Sources>\n" + "\n".join(sources) + "\n  </Sources>", 1)
xml = xml.replace("<Regions/>", "<Regions>\n" + "\n".join(regions) + "\n  </Regions>", 1)
xml = xml.replace("<Locations/>", '<Locations>\n    <Location id="990000" name="session" start="0" end="%d" '
                  'flags="IsSessionRange" locked="0" timestamp="0" cue="0"/>\n  </Locations>' % length, 1)
xml = xml.replace('session-range-is-free="1"', 'session-range-is-free="0"')
open(path, "w").write(xml)
PY
    ardour=1
  fi
fi

elapsed() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
# For a peer that may exit non-zero after finishing its work (its output is checked instead).
elapsed_anyway() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Warm the page cache for every contender alike.
cat "$work"/t*.wav > /dev/null
ls1=() ls2=() cli2=() soxm=() ard=()
for r in $(seq 1 "$runs"); do
  rm -rf "$work"/out1 "$work"/out2 "$work"/cli "$work"/sox.wav "$work"/ardour.wav
  ls1+=("$(elapsed "$bin/engine_bench" render "$work/out1" --block 4096 --threads 1 "$work"/t*.wav)")
  ls2+=("$(elapsed "$bin/engine_bench" render "$work/out2" --block 4096 --threads 2 "$work"/t*.wav)")
  cli2+=("$(elapsed "$bin/loopstage" render "$work/bench.lsession" --out "$work/cli" --block 4096 --threads 2 --quiet)")
  soxm+=("$(elapsed sox -m "$work"/t*.wav -b 24 "$work/sox.wav")")
  if [ "$ardour" = 1 ]; then
    # ardour7-export may abort on exit after writing a complete file: the file is checked below.
    ard+=("$(elapsed_anyway timeout 300 ardour7-export -b 24 -o "$work/ardour.wav" "$work/bench" bench)")
    [ "$(soxi -s "$work/ardour.wav" 2> /dev/null || echo 0)" = "$((seconds * 48000))" ] || ardour=0
  fi
done
ls1=$(median "${ls1[@]}") ls2=$(median "${ls2[@]}") cli2=$(median "${cli2[@]}") soxm=$(median "${soxm[@]}")
[ "$ardour" = 1 ] && ard=$(median "${ard[@]}")

rt() { printf '%.0f' "$(echo "$seconds / $1" | bc -l)"; }
peers() {
  printf 'sox -m -> 1 mono file: %.2f s (%sx)' "$soxm" "$(rt "$soxm")"
  [ "$ardour" = 1 ] && printf '; ardour7-export -> stereo master: %.2f s (%sx)' "$ard" "$(rt "$ard")"
  return 0
}
ratios() {
  printf '%.2f vs sox' "$(echo "$soxm / $1" | bc -l)"
  [ "$ardour" = 1 ] && printf ', %.1f vs Ardour' "$(echo "$ard / $1" | bc -l)"
  return 0
}
echo "| engine: what | LoopStage | peer | speed-up |"
echo "| --- | --- | --- | --- |"
printf '| DSP load, 128 tracks x (EQ + compressor), 64-sample blocks, 1 thread | %s %% of one core (longest block %s ms of %s ms, %s disk underruns) | target < 50 %% | %s x under target |\n' \
  "$load" "$longest" "$period" "$underruns" "$(printf '%.2f' "$(echo "50 / $load" | bc -l)")"
printf '| same, audio thread + 1 worker (time in process() on the audio thread) | %s %% (longest block %s ms) | | |\n' "$load2" "$longest2"
printf '| render 32 mono x %s s -> 3 stereo stems + printmaster, 1 thread (median of %s) | %.2f s (%sx real time) | %s | %s |\n' \
  "$seconds" "$runs" "$ls1" "$(rt "$ls1")" "$(peers)" "$(ratios "$ls1")"
printf '| same, 2 threads | %.2f s (%sx real time) | | %s |\n' "$ls2" "$(rt "$ls2")" "$(ratios "$ls2")"
printf '| same as a .lsession through `loopstage render --threads 2` | %.2f s (%sx real time) | | %s |\n' \
  "$cli2" "$(rt "$cli2")" "$(ratios "$cli2")"
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
