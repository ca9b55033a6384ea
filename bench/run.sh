#!/bin/sh
# make bench: speed on this machine: the text reader and the composer
# pinned to one core, listening, the catalogue and sessions.
# usage: bench/run.sh BUILD_DIR
B=${1:-build}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
taskset -c 0 "$B/bench/bench_text" "$B/data" "$B/data/dev.tsv" 100

# The composer: render speed with the small and the quality SoundFont.
for sf in /usr/share/sounds/sf2/TimGM6mb.sf2 \
          /usr/share/sounds/sf3/MuseScore_General.sf3; do
    [ -r "$sf" ] && taskset -c 0 "$B/bench/bench_compose" "$B/data" "$sf" 30
done

# Listening: analysis speed beside aubio and sox, and memory over 1,000 files.
sh "$(dirname "$0")/bench_analyze.sh" "$B"

# The catalogue at 100,000 and 1,000,000 tracks, and 15-minute sessions.
sh "$(dirname "$0")/bench_reco.sh" "$B"
sh "$(dirname "$0")/bench_session.sh" "$B"
