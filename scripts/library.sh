#!/bin/sh
# The built-in library: when the catalogue holds no tracks, compose eight
# pieces per mood (45 to 90 s, genres and instruments varied, tagged with
# what they are) and index them, so recommendations work with no music of
# one's own. Run by `make run`; safe to run again (nothing is redone).
# usage: scripts/library.sh BUILD_DIR [DB] [LIBRARY_DIR]
set -eu
B=$1
BIN="$B/moodscape"
DB=${2:-${MOODSCAPE_DB:-$HOME/.local/share/moodscape/catalog.db}}
LIB=${3:-$(dirname "$DB")/library}
SF=${MOODSCAPE_SOUNDFONT:-/usr/share/sounds/sf2/TimGM6mb.sf2}
mkdir -p "$(dirname "$DB")" "$LIB"
if [ -f "$DB" ] && [ "$(sqlite3 "$DB" 'SELECT count(*) FROM tracks' 2>/dev/null || echo 0)" -gt 0 ]; then
    exit 0
fi
echo "moodscape: composing the built-in library into $LIB (about a minute)" >&2
genres="auto piano ambient orchestral acoustic electronic rock cinematic"
instruments="- - strings flute guitar - - -"
n=0
for mood in joyful excited triumphant tender peaceful dreamy nostalgic sad \
            gloomy anxious angry fearful; do
    i=0
    for genre in $genres; do
        i=$((i + 1))
        n=$((n + 1))
        out="$LIB/$mood-$i.ogg"
        [ -f "$out" ] && continue
        inst=$(echo $instruments | cut -d' ' -f"$i")
        secs=$((45 + (i * 37 + n * 11) % 46))
        set -- --mood "$mood" --genre "$genre" --seconds "$secs" \
               --seed "$((1000 + n))" --soundfont "$SF" -o "$out"
        [ "$inst" = - ] || set -- "$@" --instrument "$inst"
        "$BIN" compose "$@" > /dev/null &
        [ $((n % 2)) -eq 0 ] && wait
    done
done
wait
"$BIN" index "$LIB" --db "$DB"
