#!/usr/bin/env bash
# Plug-in hosting benchmark (issue 5): 2 minutes of mono pink noise at 48 kHz through the LSP
# parametric EQ x32 (one bell, +6 dB at 1 kHz) and the x42 digital peak limiter.
# `loopstage render` of a session holding the two inserts (writes DX/FX/MX stems and the stereo
# printmaster, float) against lilv's reference host `lv2apply` chained twice (one mono file each).
# A dry render shows what hosting adds. lv2apply runs the plug-in one sample per run() call, so it
# is the reference for correctness (ReferenceHostTests), not a fair speed peer. Whole process each,
# same run, wall time.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${PLUGINS_BENCH_BIN:-build/bin/loopstage}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
eq=http://lsp-plug.in/plugins/lv2/para_equalizer_x32_mono
lim=http://gareus.org/oss/lv2/dpl#mono

sox -R -n -r 48000 -c 1 -e floating-point -b 32 "$work/noise.wav" synth 120 pinknoise vol 0.2
"$bin" session new "$work/s.lsession" --rate 25 > /dev/null
"$bin" session add-track "$work/s.lsession" --name Dia --kind dx --id dia > /dev/null
"$bin" session add-region "$work/s.lsession" --track dia --file "$work/noise.wav" --at 0 > /dev/null
cp "$work/s.lsession" "$work/dry.lsession"
"$bin" session add-insert "$work/s.lsession" --strip dia --lv2 "$eq" --param ft_0=Bell --param f_0=1000 --param g_0=2 --param q_0=1 > /dev/null
"$bin" session add-insert "$work/s.lsession" --strip dia --lv2 "$lim" > /dev/null
cat "$work/noise.wav" > /dev/null

t() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
dry=$(t "$bin" render "$work/dry.lsession" --out "$work/dry" --format float)
wet=$(t "$bin" render "$work/s.lsession" --out "$work/wet" --format float)
ref=$(t bash -c "lv2apply -i '$work/noise.wav' -o '$work/a.wav' -c ft_0 1 -c f_0 1000 -c g_0 2 -c q_0 1 '$eq' && lv2apply -i '$work/a.wav' -o '$work/b.wav' '$lim'")

echo "| 2 min mono, LSP para EQ x32 + x42 dpl | wall s | x real time |"
echo "|---|---|---|"
printf "| loopstage render (session, 3 stems + printmaster) | %.2f | %.0f |\n" "$wet" "$(echo "120 / $wet" | bc -l)"
printf "| lv2apply, two passes (2 mono files) | %.2f | %.0f |\n" "$ref" "$(echo "120 / $ref" | bc -l)"
printf "| loopstage render, no inserts | %.2f | %.0f |\n" "$dry" "$(echo "120 / $dry" | bc -l)"
