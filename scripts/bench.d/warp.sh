#!/usr/bin/env bash
# Warp render benchmark (issue 12): `loopstage align GUIDE TAKE --warp --out ALIGNED.wav` on a
# 10 min re-performed pair at 48 kHz, mono and 6-channel. espeak-ng speech repeated to length;
# the guide with brown noise, hum and reverb; the take the clean speech `speed 1.04` (4 % faster,
# so every piece is stretched), 0.5 s of lead-in, EQ'd; the 6-channel take is the same on all
# six channels. Whole process, wall time, on one core (`taskset -c 0`: the render's threads
# follow the CPU affinity) and on every core. "x real time per channel" = take seconds x
# channels / wall time. The render alone = `--warp --out` less `--warp` (the fit).
# WARP_BENCH_SECONDS (default 600) sets the length, WARP_BENCH_BIN another binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${WARP_BENCH_BIN:-build/bin/loopstage}
seconds=${WARP_BENCH_SECONDS:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

text="Get down, they are coming through the north gate. We have maybe ten minutes before the whole place goes up. \
Where were you on the night of the fire? I told you never to come back here, not after what you did to my brother. \
Keep the line tight and watch the window. Seven ships sailed at dawn towards the islands in the east."
for i in 0 1 2 3; do
  voice=$([ $((i % 2)) -eq 0 ] && echo en-us || echo en-gb)
  espeak-ng -v "$voice" -s $((140 + i * 13)) -w "$work/p$i.wav" "$text"
  sox "$work/p$i.wav" -r 48000 "$work/q$i.wav" pad 0 0.4
done
sox "$work"/q*.wav "$work/unit.wav"
unit=$(soxi -D "$work/unit.wav")
repeats=$(/usr/bin/python3 -c "import math; print(math.ceil($seconds / $unit))")
sox "$work/unit.wav" "$work/long.wav" repeat $((repeats - 1)) trim 0 "$seconds"
sox "$work/long.wav" "$work/clean.wav" pad 1 1
len=$(soxi -D "$work/clean.wav")
sox -n -r 48000 -c 1 "$work/noise.wav" synth "$len" brownnoise synth "$len" sine mix 50 vol 0.05
sox -m "$work/clean.wav" "$work/noise.wav" -b 24 "$work/guide.wav" reverb 30 50 50
sox "$work/clean.wav" -b 24 "$work/take1.wav" speed 1.04 rate -v 48000 pad 0.5 0 gain -6 highpass 120 equalizer 3000 1q 4
sox "$work/take1.wav" "$work/take6.wav" remix 1 1 1 1 1 1
takelen=$(soxi -D "$work/take1.wav")
cat "$work"/*.wav > /dev/null

wall() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
cores=$(nproc)
echo "| \`align --warp --out\`, ${seconds} s re-performed pair (take 4 % faster), 48 kHz | cores | fit (\`--warp\`) | whole command | render alone | render x real time per channel |"
echo "| --- | --- | --- | --- | --- | --- |"
for ch in 1 6; do
  for where in one all; do
    run=()
    [ "$where" = one ] && run=(taskset -c 0)
    fit=$(wall "${run[@]}" "$bin" align "$work/guide.wav" "$work/take$ch.wav" --warp --json)
    total=$(wall "${run[@]}" "$bin" align "$work/guide.wav" "$work/take$ch.wav" --warp --json --out "$work/out$ch-$where.wav")
    render=$(echo "$total - $fit" | bc -l)
    printf '| %s | %s | %.1f s | %.1f s | %.1f s | %.1fx |\n' "$([ "$ch" = 1 ] && echo mono || echo "6-channel")" \
      "$([ "$where" = one ] && echo 1 || echo "$cores")" "$fit" "$total" "$render" "$(echo "$takelen * $ch / $render" | bc -l)"
  done
done
if cmp -s "$work/out1-one.wav" "$work/out1-all.wav" && cmp -s "$work/out6-one.wav" "$work/out6-all.wav"; then
  echo "One core and $cores cores wrote identical files."
else
  echo "One core and $cores cores wrote DIFFERENT files."
fi
