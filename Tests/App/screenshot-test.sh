#!/usr/bin/env bash
# Opens the real LoopStage window under Xvfb on one page and checks a non-empty PNG came out.
set -euo pipefail
app=$1 page=$2
out_dir=${LOOPSTAGE_SCREENSHOT_DIR:-/tmp}
mkdir -p "$out_dir"
png="$out_dir/${page,,}.png"
rm -f "$png"
shift 2
timeout 60 xvfb-run -a -s "-screen 0 1400x900x24" "$app" --screenshot "$png" --page "$page" "$@"
test -s "$png" || { echo "no screenshot written: $png" >&2; exit 1; }
# A real render is far bigger than a blank PNG of the same size.
size=$(stat -c %s "$png")
[ "$size" -gt 8000 ] || { echo "screenshot looks blank ($size bytes): $png" >&2; exit 1; }
echo "screenshot: $png ($size bytes)"
