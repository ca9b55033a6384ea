#!/bin/sh
# test_cli.sh — the moodscape command as users and evaluators drive it:
# help, exit statuses, the error format, JSON lines, and hostile input.
# usage: test_cli.sh BIN   (MS_TEST_LINES sets the size of the big batch)
set -u
BIN=$1
LINES=${MS_TEST_LINES:-1000000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
expect_status() {  # expect_status WANT GOT WHAT
    [ "$1" = "$2" ] || fail "$3: exit status $2, want $1"
}
json_check() {     # json_check FILTER FILE WHAT
    jq -e "$1" "$2" >/dev/null 2>&1 || fail "$3: $(head -c 300 "$2")"
}

# Help for the command and every subcommand.
"$BIN" --help >"$TMP/out"; expect_status 0 $? "--help"
grep -q "usage: moodscape" "$TMP/out" || fail "--help prints usage"
for sub in mood eval train; do
    "$BIN" $sub --help >"$TMP/out"; expect_status 0 $? "$sub --help"
    grep -q "usage: moodscape $sub" "$TMP/out" || fail "$sub --help text"
done

# Usage errors exit 2 with the contract's message format.
"$BIN" 2>/dev/null; expect_status 2 $? "no command"
"$BIN" frobnicate 2>/dev/null; expect_status 2 $? "unknown command"
"$BIN" mood --bogus 2>"$TMP/err"; expect_status 2 $? "unknown option"
grep -q "^moodscape: mood: " "$TMP/err" || fail "usage error format"
"$BIN" eval text 2>/dev/null; expect_status 2 $? "eval without file"

# One text: the contract's JSON.
"$BIN" mood "I miss my dad so much" >"$TMP/one.json"
expect_status 0 $? "mood TEXT"
json_check '.text == "I miss my dad so much" and .mood == "sad"
    and (.confidence | type == "number") and (.valence < 0)
    and (.colour | test("^#[0-9A-F]{6}$")) and (.moods | length == 12)
    and (.evidence | length > 0) and (.uncertain == false)' \
    "$TMP/one.json" "mood TEXT json"
"$BIN" mood --json "I'm stressed and want to unwind" >"$TMP/wish.json"
json_check '.mood == "anxious" and .desired.mood == "peaceful"' \
    "$TMP/wish.json" "current and desired"
"$BIN" mood "" 2>"$TMP/err"; expect_status 1 $? "empty TEXT"
grep -q "^moodscape: mood: text: empty text" "$TMP/err" || fail "empty TEXT message"

# JSON lines: one output per input line, bad lines reported, batch goes on.
printf 'what a great day\n\n   \n\377\376junk\nI feel so alone\n' |
    "$BIN" mood >"$TMP/batch.jsonl"
expect_status 1 $? "batch with bad lines"
[ "$(wc -l <"$TMP/batch.jsonl")" -eq 5 ] || fail "batch line count"
sed -n 2p "$TMP/batch.jsonl" >"$TMP/l2"; json_check '.line == 2 and .error == "empty text"' "$TMP/l2" "empty line"
sed -n 4p "$TMP/batch.jsonl" >"$TMP/l4"; json_check '.line == 4 and .text == null and (.error | test("UTF-8"))' "$TMP/l4" "invalid UTF-8"
sed -n 5p "$TMP/batch.jsonl" >"$TMP/l5"; json_check '.mood == "sad"' "$TMP/l5" "batch goes on"

# Binary junk: every line answered, no crash.
head -c 200000 /dev/urandom >"$TMP/junk"
"$BIN" mood <"$TMP/junk" >"$TMP/junk.jsonl"
st=$?; [ $st -le 1 ] || fail "binary junk: exit status $st"
want=$(tr -cd '\n' <"$TMP/junk" | wc -c)
[ -n "$(tail -c 1 "$TMP/junk")" ] && want=$((want + 1))
[ "$(wc -l <"$TMP/junk.jsonl")" -eq "$want" ] || fail "binary junk: line count"
jq -e . "$TMP/junk.jsonl" >/dev/null 2>&1 || fail "binary junk: output is not JSON"

# A 10 MB line is read up to the limit and answered.
head -c 10485760 /dev/zero | tr '\0' 'a' >"$TMP/big"
printf ' so sad\n' >>"$TMP/big"
"$BIN" mood <"$TMP/big" >"$TMP/big.json"; expect_status 0 $? "10 MB line"
json_check '.truncated == true and (.mood | type == "string")' "$TMP/big.json" "10 MB line"

# A big batch: every line answered.
yes "honestly a pretty good day :)" | head -n "$LINES" | "$BIN" mood |
    wc -l >"$TMP/count"
[ "$(cat "$TMP/count")" -eq "$LINES" ] || fail "$LINES lines: got $(cat "$TMP/count")"

# Missing data is a clear error, not a crash.
MOODSCAPE_DATA="$TMP/nowhere" "$BIN" mood "hi" 2>"$TMP/err"
expect_status 1 $? "missing data"
grep -q "^moodscape: mood: data: MOODSCAPE_DATA" "$TMP/err" || fail "missing data message"

# eval text: figures on a small labelled file; a bad row makes status 1.
printf 'mood\ttext\nsad\tmy dog died today\nangry\tthey lied to me again\nsad\tI feel so alone\nnope\tbad label\n' >"$TMP/small.tsv"
"$BIN" eval text "$TMP/small.tsv" --json >"$TMP/eval.json" 2>"$TMP/err"
expect_status 1 $? "eval with a bad row"
json_check '.n == 3 and (.accuracy | type == "number") and (.per_mood | length == 12)' \
    "$TMP/eval.json" "eval json"
grep -q "line 5" "$TMP/err" || fail "eval names the bad line"

[ $fails -eq 0 ] && echo "test_cli: all passed"
exit $((fails > 0))
