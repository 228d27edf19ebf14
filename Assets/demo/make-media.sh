#!/usr/bin/env bash
# Makes the demo scene's media from the text sources beside this script.
#   make-media.sh OUT_DIR
# Deterministic: espeak-ng is, sox runs with -R (repeatable noise), ffmpeg noise has a seed.
# Writes OUT_DIR/media/{picture.mp4, guide.wav, adr/*.wav, fx/*.wav, score.wav, radio.wav}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: make-media.sh OUT_DIR}
media="$out/media"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$media/adr" "$media/fx"

rate=48000
length=60
SOX="sox -R -V1"

note() { echo "demo: $*" >&2; }

# --- dialogue: the guide (production sound) and two ADR takes per line -------------------
voice_for() { case "$1" in MAYA) echo "en-us+f3" ;; *) echo "en-us+m3" ;; esac; }

speak() { # speak VOICE WORDS_PER_MINUTE TEXT OUT.wav  -> mono 48 kHz float
  espeak-ng -v "$1" -s "$2" -w "$tmp/speak.wav" "$3"
  $SOX "$tmp/speak.wav" -r $rate -b 32 -e float "$4" rate -v
}

note "dialogue"
guide_parts=()
while IFS=$'\t' read -r cue character start text; do
  [[ "$cue" == \#* || -z "$cue" ]] && continue
  voice=$(voice_for "$character")
  speak "$voice" 160 "$text" "$tmp/line-$cue.wav"
  $SOX "$tmp/line-$cue.wav" "$tmp/guide-$cue.wav" pad "$start"
  guide_parts+=("$tmp/guide-$cue.wav")
  # Take 1: a little slower, starts late in its file. Take 2: a little faster, starts early.
  # Each take file begins 2 s before the cue (the pre-roll the actor hears beeps in).
  speak "$voice" 150 "$text" "$tmp/t1.wav"
  $SOX "$tmp/t1.wav" -b 24 "$media/adr/cue$cue-take1.wav" pad 2.23 0.5 gain -3
  speak "$voice" 171 "$text" "$tmp/t2.wav"
  $SOX "$tmp/t2.wav" -b 24 "$media/adr/cue$cue-take2.wav" pad 1.81 0.5 gain -1
done < "$here/lines.tsv"

# Production sound: the clean lines plus traffic rumble, mains hum and a small room.
$SOX -m "${guide_parts[@]}" "$tmp/dialogue.wav" trim 0 $length pad 0 $length trim 0 $length
$SOX -n -r $rate -b 32 -e float "$tmp/traffic.wav" synth $length brownnoise lowpass 300 vol 0.06
$SOX -n -r $rate -b 32 -e float "$tmp/hum.wav" synth $length sine 50 sine 150 remix 1,2 vol 0.02
$SOX -m "$tmp/dialogue.wav" "$tmp/traffic.wav" "$tmp/hum.wav" "$tmp/production.wav"
$SOX "$tmp/production.wav" -b 24 "$media/guide.wav" reverb 20 50 30 gain -n -12

# --- effects --------------------------------------------------------------------------------
note "effects"
n=0
while IFS=$'\t' read -r name start duration spec; do
  [[ "$name" == \#* || -z "$name" ]] && continue
  n=$((n + 1))
  generator=${spec%%|*}
  effects=${spec#*|}
  # shellcheck disable=SC2086
  # Each effect is its own file; the session places it at start_s, as an editor would.
  $SOX -n -r $rate -b 24 "$media/fx/$(printf %02d $n)-$name.wav" synth "$duration" $generator $effects
done < "$here/effects.tsv"

# --- score (our own work) and the unlicensed radio cue ---------------------------------------
render_chords() { # render_chords TSV SYNTH OUT.wav
  local parts=() i=0
  while IFS=$'\t' read -r start duration notes; do
    [[ "$start" == \#* || -z "$start" ]] && continue
    i=$((i + 1))
    local tones=()
    for n in $notes; do tones+=("$tmp/tone-$i-$n.wav"); $SOX -n -r $rate -b 32 -e float "$tmp/tone-$i-$n.wav" synth "$duration" "$2" "$n" fade 0.01 "$duration" 0.3; done
    if [ ${#tones[@]} -gt 1 ]; then $SOX -m "${tones[@]}" "$tmp/chord-$i.wav"; else cp "${tones[0]}" "$tmp/chord-$i.wav"; fi
    parts+=("$tmp/chord-$i.wav")
  done < "$1"
  $SOX "${parts[@]}" "$3"
}

note "score"
render_chords "$here/score.tsv" pluck "$tmp/score-mono.wav"
$SOX "$tmp/score-mono.wav" -b 24 -c 2 "$media/score.wav" reverb 60 50 100 100 0 0 gain -n -16
render_chords "$here/source-music.tsv" square "$tmp/radio-mono.wav"
$SOX "$tmp/radio-mono.wav" -b 24 "$media/radio.wav" highpass 400 lowpass 3000 gain -n -20

# --- picture: test pattern with burnt-in timecode, starting 01:00:00:00 at 23.976 --------------
note "picture"
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
ffmpeg -nostdin -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=24000/1001:duration=$length" \
  -i "$media/guide.wav" \
  -vf "drawtext=fontfile=$font:timecode='01\:00\:00\:00':rate=24000/1001:fontsize=36:fontcolor=white:box=1:boxcolor=black@0.7:x=(w-tw)/2:y=h-60" \
  -c:v libx264 -preset ultrafast -g 24 -pix_fmt yuv420p -c:a aac -b:a 128k -timecode 01:00:00:00 \
  -shortest "$media/picture.mp4"
note "media ready in $media"
