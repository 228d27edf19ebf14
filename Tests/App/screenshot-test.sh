#!/usr/bin/env bash
# Opens the real LoopStage window under Xvfb on one page of a small session built headless with
# the CLI (tracks, an ADR cue with a take, an own-work score cue and an unlicensed song), and
# checks a real, non-blank PNG came out. The PNGs are kept in LOOPSTAGE_SCREENSHOT_DIR to look at.
set -euo pipefail
app=$1 cli=$2 page=$3
out_dir=${LOOPSTAGE_SCREENSHOT_DIR:-/tmp}
mkdir -p "$out_dir"
png="$out_dir/${page,,}.png"
rm -f "$png"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

s="$work/scene.lsession"
sox -R -n -r 48000 -b 24 "$work/line.wav" synth 2 pinknoise vol 0.2
sox -R -n -r 48000 -b 24 -c 2 "$work/score.wav" synth 8 pluck A3
"$cli" session new "$s" --rate 23.976 --name "Screenshot scene" >/dev/null
"$cli" session add-track "$s" --name Guide --kind guide --channels 1 >/dev/null
"$cli" session add-track "$s" --name "DX ADR" --kind adr --channels 1 >/dev/null
"$cli" session add-track "$s" --name Score --kind mx --channels 2 >/dev/null
"$cli" session add-region "$s" --track Guide --file "$work/line.wav" --at 4 >/dev/null
"$cli" session add-cue "$s" --id 101 --in 01:00:04:00 --out 01:00:06:00 --character MAYA --line "You're late again." --track "DX ADR" >/dev/null
"$cli" session add-take "$s" --cue 101 --file "$work/line.wav" --number 1 --circled --offset -2.0 >/dev/null
"$cli" session add-music "$s" --id 1M01 --title "Night Shift Theme" --licence own --composer LoopStage >/dev/null
"$cli" session add-music "$s" --id 1M02 --title "Radio Tune" --licence licensed >/dev/null
"$cli" session add-region "$s" --track Score --file "$work/score.wav" --at 0 --music-cue 1M01 >/dev/null
"$cli" session add-region "$s" --track Score --file "$work/score.wav" --at 10 --music-cue 1M02 >/dev/null

timeout 60 xvfb-run -a -s "-screen 0 1400x900x24" "$app" --screenshot "$png" --page "$page" "$s"
test -s "$png" || { echo "no screenshot written: $png" >&2; exit 1; }
# A real render is far bigger than a blank PNG of the same size.
size=$(stat -c %s "$png")
[ "$size" -gt 20000 ] || { echo "screenshot looks blank ($size bytes): $png" >&2; exit 1; }
echo "screenshot: $png ($size bytes)"
