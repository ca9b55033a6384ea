#!/bin/sh
# Renders the twelve mood examples in docs/examples/ with the quality
# SoundFont, and prints sox's view of each (length, peak, loudness).
# usage: scripts/examples.sh [BUILD_DIR]
set -eu
B=${1:-build}
OUT=docs/examples
SF=${MOODSCAPE_SOUNDFONT:-/usr/share/sounds/sf3/MuseScore_General.sf3}
mkdir -p "$OUT"
seed=0
for mood in joyful excited triumphant tender peaceful dreamy nostalgic sad \
            gloomy anxious angry fearful; do
    seed=$((seed + 1))
    "$B/moodscape" compose --mood "$mood" --seconds 12 --seed $seed \
        --soundfont "$SF" -o "$OUT/$mood.ogg" --json |
        jq -r '[.mood, .genre, (.tempo_bpm|tostring) + " bpm", .key + " " + .mode,
                .scale] | @tsv'
done
du -ch "$OUT"/*.ogg | tail -n 1
