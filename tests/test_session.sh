#!/bin/sh
# test_session.sh — `moodscape session` as a user runs it, on short
# sessions (5 minutes, ten segments) so the suite stays quick: the length,
# loudness within 1 LU of the target, true peak at or below -1 dBTP, no
# click at any seam (bench/session_check.py), and arousal measured
# segment by segment falling (angry -> peaceful) or rising (gloomy ->
# joyful) with a Spearman of 0.8 or more; the same from a small indexed
# library (--source catalog); then bad input refused with no file left
# behind.
# usage: test_session.sh BIN SRC_DIR   (MOODSCAPE_DATA, MOODSCAPE_SOUNDFONT set)
set -u
BIN=$1
SRC=$2
. "$(dirname "$0")/check.sh"
SF=${MOODSCAPE_SOUNDFONT:-/usr/share/sounds/sf2/TimGM6mb.sf2}

# Spearman's rho of the arousal of each 30 s piece against time.
arousal_rho() {
    i=0
    rm -f "$TMP"/piece*.wav
    while [ $i -lt 10 ]; do
        sox "$1" "$TMP/piece$((10 + i)).wav" trim $((i * 30)) 30 2>/dev/null
        i=$((i + 1))
    done
    "$BIN" analyze "$TMP"/piece??.wav | jq -s '
        [.[].arousal] as $a | ($a | length) as $n
        | [range($n)] as $t
        | ($a | to_entries | sort_by(.value) | map(.key)) as $order
        | [range($n) as $r | {k: $order[$r], r: $r}] | sort_by(.k) | map(.r) as $rank
        | 1 - 6 * ([range($n) | ($rank[.] - .) * ($rank[.] - .)] | add)
              / ($n * ($n * $n - 1))'
}

session() {  # session FROM TO NAME
    "$BIN" session --from "$1" --to "$2" --minutes 5 --seed 5 \
        --soundfont "$SF" -o "$TMP/$3.wav" --plan "$TMP/$3.json"
}

session angry peaceful down
check "falling session: exit 0" test $? -eq 0
"$BIN" analyze "$TMP/down.wav" > "$TMP/down.an"
check "falling: 5 to 5.2 minutes" jq -e '.duration_s >= 300 and .duration_s <= 312' "$TMP/down.an"
check "falling: loudness within 1 LU of -18" jq -e '.loudness_lufs >= -19 and .loudness_lufs <= -17' "$TMP/down.an"
check "falling: true peak at most -1 dBTP" jq -e '.features.true_peak_dbtp <= -1' "$TMP/down.an"
check "falling: no click at a seam" /usr/bin/python3 "$SRC/bench/session_check.py" "$TMP/down.wav" "$TMP/down.json"
rho=$(arousal_rho "$TMP/down.wav")
check "falling: arousal falls (rho $rho)" jq -en "$rho <= -0.8"
check "plan: ten segments, each described" jq -e '(.segments | length == 10)
    and all(.segments[]; (.mood | type == "string") and .tempo_bpm > 0
        and (.key | type == "string") and (.instruments | length > 0))
    and .segments[0].mood == "angry" and .segments[9].mood == "peaceful"' "$TMP/down.json"

session gloomy joyful up
"$BIN" analyze "$TMP/up.wav" > "$TMP/up.an"
check "rising: loudness within 1 LU" jq -e '.loudness_lufs >= -19 and .loudness_lufs <= -17' "$TMP/up.an"
check "rising: true peak at most -1 dBTP" jq -e '.features.true_peak_dbtp <= -1' "$TMP/up.an"
check "rising: no click at a seam" /usr/bin/python3 "$SRC/bench/session_check.py" "$TMP/up.wav" "$TMP/up.json"
rho=$(arousal_rho "$TMP/up.wav")
check "rising: arousal rises (rho $rho)" jq -en "$rho >= 0.8"

"$BIN" session --from "I'm furious at my landlord" --to "calm enough to sleep" \
    --minutes 1 --soundfont "$SF" -o "$TMP/words.ogg" --plan "$TMP/words.json"
check "free text at both ends" jq -e '(.from[1] > 0.3) and (.to[1] < 0)' "$TMP/words.json"

# the catalogue as the source: a small library of eight pieces, indexed
LIB=$TMP/lib
mkdir -p "$LIB"
for m in angry anxious fearful excited sad nostalgic tender peaceful; do
    "$BIN" compose --mood "$m" --seconds 45 --seed 9 --soundfont "$SF" \
        -o "$LIB/$m.wav" > /dev/null
done
"$BIN" index "$LIB" --db "$TMP/lib.db" 2>/dev/null
"$BIN" session --from angry --to peaceful --minutes 3 --source catalog \
    --db "$TMP/lib.db" -o "$TMP/cat.wav" --plan "$TMP/cat.json" > "$TMP/cat.out"
check "catalogue source: exit 0" test $? -eq 0
"$BIN" analyze "$TMP/cat.wav" > "$TMP/cat.an"
check "catalogue: loudness within 1 LU" jq -e '.loudness_lufs >= -19 and .loudness_lufs <= -17' "$TMP/cat.an"
check "catalogue: true peak at most -1 dBTP" jq -e '.features.true_peak_dbtp <= -1' "$TMP/cat.an"
check "catalogue: no click at a seam" /usr/bin/python3 "$SRC/bench/session_check.py" "$TMP/cat.wav" "$TMP/cat.json"
check "catalogue: a different track per segment" jq -e '[.segments[].track] | (length == 6) and (unique | length == 6)' "$TMP/cat.json"
check "catalogue: heard arousal follows the plan" jq -e '.consistency.arousal_rho >= 0.8' "$TMP/cat.out"
"$BIN" session --from angry --to peaceful --minutes 5 --source catalog \
    --db "$TMP/lib.db" -o "$TMP/more.wav" 2> "$TMP/err"
check "catalogue: more segments than tracks is an error" test $? -eq 1
check "catalogue: too few tracks, said" grep -q "8 tracks with audio files" "$TMP/err"
check "catalogue: nothing left behind" test ! -e "$TMP/more.wav"

bad() {  # bad WHAT WANT_STATUS ARGS...
    what=$1 want=$2
    shift 2
    "$BIN" session "$@" -o "$TMP/bad.wav" --soundfont "$SF" 2> "$TMP/err"
    st=$?
    checks=$((checks + 1))
    [ $st -eq "$want" ] || fail "$what: exit $st, want $want"
    check "$what: said why" test -s "$TMP/err"
    check "$what: no file left" test ! -e "$TMP/bad.wav"
}
bad "goal equal to start" 2 --from sad --to sad
bad "0 minutes" 2 --from sad --to joyful --minutes 0
bad "600 minutes" 2 --from sad --to joyful --minutes 600
bad "unknown shape" 2 --from sad --to joyful --path zigzag
"$BIN" import "$TMP/none.tsv" --db "$TMP/empty.db" 2>/dev/null
bad "empty catalogue" 1 --from sad --to joyful --source catalog --db "$TMP/empty.db"
bad "unknown source" 2 --from sad --to joyful --source radio
"$BIN" session --from sad --to joyful -o "$TMP/bad.mp4" 2> "$TMP/err"
st=$?
checks=$((checks + 1)); [ $st -eq 2 ] || fail "unknown format: exit $st, want 2"
check "unknown format: no file" test ! -e "$TMP/bad.mp4"

report test_session
