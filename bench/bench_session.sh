#!/bin/sh
# Sessions end to end: 15-minute iso-principle sessions composed with each
# installed SoundFont, wall time and peak memory (GNU time), then loudness
# and true peak of the result (`moodscape analyze`) and its seams
# (session_check.py).
# usage: bench/bench_session.sh BUILD_DIR [WORK_DIR]
set -eu
B=$1
W=${2:-$(mktemp -d)}
HERE=$(dirname "$0")
mkdir -p "$W"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
for sf in /usr/share/sounds/sf3/MuseScore_General.sf3 \
          /usr/share/sounds/sf2/TimGM6mb.sf2; do
    [ -r "$sf" ] || continue
    for path in "angry peaceful" "gloomy joyful"; do
        set -- $path
        out="$W/$1-$2.wav"
        /usr/bin/time -f "%e s %M KB" -o "$W/time" "$B/moodscape" session \
            --from "$1" --to "$2" --minutes 15 --soundfont "$sf" -o "$out" \
            --plan "$W/plan.json" > "$W/summary"
        level=$("$B/moodscape" analyze "$out" | jq -r \
            '"\(.loudness_lufs) LUFS, \(.features.true_peak_dbtp) dBTP"')
        clicks=$(/usr/bin/python3 "$HERE/session_check.py" "$out" \
                 "$W/plan.json" | grep -c CLICK || true)
        echo "$(basename "$sf") $1 -> $2: $(cat "$W/time"), $level," \
             "$clicks clicks, $(jq -c .consistency "$W/summary")"
    done
done
