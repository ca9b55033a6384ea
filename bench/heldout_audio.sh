#!/bin/sh
# The music emotion model on renders it never trained on: another
# SoundFont (FluidR3, which training does not use), other seeds, random
# points, genres and lengths. Writes the pieces and LABELS.tsv into DIR
# and prints `moodscape eval audio` on them.
# usage: bench/heldout_audio.sh BUILD_DIR DIR [N] [SOUNDFONT]
set -eu
B=$1
DIR=$2
N=${3:-200}
SF=${4:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
mkdir -p "$DIR"
printf 'file\tvalence\tarousal\tmood\n' > "$DIR/labels.tsv"
awk -v n="$N" 'BEGIN {
    srand(20261123)
    split("piano ambient orchestral acoustic electronic rock auto auto", g, " ")
    for (i = 1; i <= n; i++)
        printf "%d %.2f %.2f %s %d\n", i, rand() * 2 - 1, rand() * 2 - 1,
               g[int(rand() * 8) + 1], 10 + int(rand() * 11)
}' | while read -r i v a genre secs; do
    out=$("$B/moodscape" compose --va "$v,$a" --genre "$genre" \
          --seconds "$secs" --seed $((900000 + i)) --soundfont "$SF" \
          -o "$DIR/$i.wav" --json)
    mood=$(printf '%s' "$out" | jq -r .mood)
    printf '%s.wav\t%s\t%s\t%s\n' "$i" "$v" "$a" "$mood" >> "$DIR/labels.tsv"
done
"$B/moodscape" eval audio "$DIR/labels.tsv"
