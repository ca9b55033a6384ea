#!/bin/sh
# Analysis speed, side by side with reference tools on the same files:
# `moodscape analyze` on one core and on all, `aubio tempo`, and sox's
# header read (`sox --i`) and level statistics (`sox -n stat`). Then the
# peak memory of one analyze run over 1,000 files against one over 10.
# usage: bench/bench_analyze.sh BUILD_DIR [WORK_DIR]
set -eu
B=$1
W=${2:-$(mktemp -d)}
SF=/usr/share/sounds/sf2/TimGM6mb.sf2
mkdir -p "$W/set"
n=0
for v in -0.8 -0.3 0.3 0.8; do
    for a in -0.8 -0.3 0.3 0.8; do
        for s in 1 2; do
            n=$((n + 1))
            [ -f "$W/set/$n.wav" ] || "$B/moodscape" compose --va "$v,$a" \
                --seconds 30 --seed "$s" --soundfont "$SF" -o "$W/set/$n.wav" >/dev/null
        done
    done
done
secs=$((n * 30))
now() { date +%s.%N; }
timed() {  # timed LABEL COMMAND...: prints seconds and x real time
    label=$1; shift
    t0=$(now); "$@" > /dev/null 2>&1 || true; t1=$(now)
    awk -v l="$label" -v a="$t0" -v b="$t1" -v s="$secs" -v n="$n" 'BEGIN {
        d = b - a
        printf "%-34s %7.2f s  %6.0fx real time  %6.1f files/s\n", l, d, s / d, n / d
    }'
}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "$n files of 30 s (44.1 kHz stereo WAV), $secs s of audio"
timed "moodscape analyze --jobs 1" "$B/moodscape" analyze --jobs 1 "$W"/set/*.wav
timed "moodscape analyze (all cores)" "$B/moodscape" analyze "$W"/set/*.wav
timed "aubio tempo, file by file" sh -c 'for f in "$0"/set/*.wav; do aubio tempo -i "$f"; done' "$W"
timed "sox --i, file by file" sh -c 'for f in "$0"/set/*.wav; do sox --i "$f"; done' "$W"
timed "sox -n stat, file by file" sh -c 'for f in "$0"/set/*.wav; do sox "$f" -n stat; done' "$W"
# memory: the same files over and over, 10 and 1,000 of them
mkdir -p "$W/many"
i=0
while [ $i -lt 1000 ]; do
    ln -sf "$W/set/$((i % n + 1)).wav" "$W/many/$i.wav"; i=$((i + 1))
done
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo "peak memory, 10 files:    $(rss "$B/moodscape" analyze --jobs 2 $(ls "$W"/many/*.wav | head -n 10)) KB"
echo "peak memory, 1,000 files: $(rss "$B/moodscape" analyze --jobs 2 "$W"/many/*.wav) KB"
