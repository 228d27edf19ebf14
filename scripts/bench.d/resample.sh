#!/usr/bin/env bash
# Resampling benchmark (issue 12: "resampling through libsoxr from Debian, in place of the
# hand-written Kaiser resampler, unless a benchmark shows ours better in both accuracy and
# speed"). build/bin/resample_bench (Tests/Core/Align/ResampleBench.cpp) compares
# align::Resampler at its defaults with libsoxr SOXR_HQ and SOXR_VHQ (soxr_oneshot, float32,
# one thread), 44.1 -> 48 kHz and 48 -> 44.1 kHz:
#  1. accuracy against ideal references (sines and a log sweep evaluated analytically at the
#     output instants; white noise and a speech-like signal band-limited to 20 kHz and resampled
#     exactly in the frequency domain): SNR up to 20 kHz, pass-band ripple, image/alias residual,
#     delay;
#  2. the --out path: a fractional start, our phase-folded filter against SoxrStream (soxr with
#     the start rounded to 1/up input samples);
#  3. speed: CPU seconds for RESAMPLE_BENCH_SECONDS (default 600) of mono noise, one core
#     (`taskset -c 0`), best of RESAMPLE_BENCH_RUNS (default 3).
# RESAMPLE_BENCH_TONES=1 adds the per-tone table (gain, phase delay, residual).
# Assumes scripts/build has built build/bin (resample_bench comes with the tests);
# RESAMPLE_BENCH_BIN=<dir> uses another build's binaries.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${RESAMPLE_BENCH_BIN:-build/bin}
seconds=${RESAMPLE_BENCH_SECONDS:-600}
runs=${RESAMPLE_BENCH_RUNS:-3}
taskset -c 0 "$bin/resample_bench" accuracy
echo
taskset -c 0 "$bin/resample_bench" out-path
echo
taskset -c 0 "$bin/resample_bench" speed "$seconds" "$runs"
if [ "${RESAMPLE_BENCH_TONES:-0}" = 1 ]; then
  taskset -c 0 "$bin/resample_bench" tones
fi
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
