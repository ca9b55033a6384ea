#!/bin/sh
# test_analyze.sh — `moodscape analyze` and `eval audio` as users drive
# them: one JSON line per file in the order given, the contract's fields,
# bad files answered with "ok": false while the rest go on (exit 1), and
# the model hearing calm, sad music as calmer and sadder than excited,
# happy music. (Whether keys are heard right is test_audio's, on chords
# with a known key, and test_compose_agreement's, over many pieces.)
# usage: test_analyze.sh BIN   (MOODSCAPE_DATA, MOODSCAPE_SOUNDFONT set)
set -u
BIN=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
checks=0
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
check() { checks=$((checks + 1)); _w=$1; shift; "$@" >/dev/null 2>&1 || fail "$_w"; }

"$BIN" compose --va -0.7,-0.7 --seconds 20 --seed 3 -o "$TMP/calm.wav" >/dev/null
"$BIN" compose --va 0.8,0.8 --seconds 20 --seed 3 -o "$TMP/lively.flac" >/dev/null
: > "$TMP/empty.wav"
echo "not audio" > "$TMP/text.wav"
head -c 30000 "$TMP/calm.wav" > "$TMP/cut.wav"

"$BIN" analyze "$TMP/calm.wav" "$TMP/missing.wav" "$TMP/lively.flac" \
    "$TMP/empty.wav" "$TMP/text.wav" --jobs 2 > "$TMP/out" 2> "$TMP/err"
st=$?
checks=$((checks + 1)); [ $st -eq 1 ] || fail "exit status $st with bad files, want 1"
check "five lines" test "$(wc -l < "$TMP/out")" -eq 5
check "every line is JSON" jq -e . "$TMP/out"
line() { sed -n "${1}p" "$TMP/out"; }
check "order kept" sh -c "sed -n 3p '$TMP/out' | jq -e '.file | endswith(\"lively.flac\")'"
for n in 1 3; do
    check "line $n ok" sh -c "sed -n ${n}p '$TMP/out' | jq -e '.ok == true'"
    check "line $n fields" sh -c "sed -n ${n}p '$TMP/out' | jq -e '
        (.duration_s > 19.9 and .duration_s < 20.1) and (.tempo_bpm >= 0)
        and (.key | type == \"string\") and (.mode == \"major\" or .mode == \"minor\")
        and (.loudness_lufs < 0) and (.valence >= -1 and .valence <= 1)
        and (.arousal >= -1 and .arousal <= 1) and (.mood | type == \"string\")
        and (.moods | length == 12) and (.features.chroma | length == 12)'"
done
for n in 2 4 5; do
    check "line $n is a failure with a reason" sh -c "sed -n ${n}p '$TMP/out' | jq -e '.ok == false and (.error | length > 5)'"
done
check "calm is calmer" sh -c "test \"\$(sed -n 1p '$TMP/out' | jq '.arousal < 0')\" = true"
check "lively is livelier than calm" sh -c "jq -s '.[0].arousal < .[2].arousal and .[0].valence < .[2].valence' '$TMP/out' | grep -q true"

# a truncated file analyses what is there or fails cleanly
"$BIN" analyze "$TMP/cut.wav" > "$TMP/cut.json" 2>/dev/null
check "truncated file answers JSON" jq -e '.file' "$TMP/cut.json"

# eval audio on a labels file relative to its folder
printf 'file\tvalence\tarousal\tmood\ncalm.wav\t-0.7\t-0.7\tgloomy\nlively.flac\t0.8\t0.8\texcited\n' > "$TMP/labels.tsv"
"$BIN" eval audio "$TMP/labels.tsv" --json > "$TMP/eval.json"
check "eval audio exit 0" test $? -eq 0
check "eval audio figures" jq -e '.n == 2 and (.valence | has("pearson") and has("r2") and has("rmse") and has("ccc")) and (.quadrant_accuracy >= 0)' "$TMP/eval.json"
printf 'file\tvalence\n' > "$TMP/bad.tsv"
expect() {  # expect STATUS WHAT COMMAND...
    _want=$1 _what=$2; shift 2
    "$@" > /dev/null 2>&1
    _got=$?
    checks=$((checks + 1))
    [ "$_got" -eq "$_want" ] || fail "$_what: exit $_got, want $_want"
}
expect 1 "eval audio without an arousal column" "$BIN" eval audio "$TMP/bad.tsv"
expect 2 "analyze without files" "$BIN" analyze
expect 2 "analyze --jobs 0" "$BIN" analyze --jobs 0 x.wav

if [ $fails -ne 0 ]; then
    echo "test_analyze: $fails of $checks checks failed" >&2
    exit 1
fi
echo "test_analyze: $checks checks passed"
