#!/bin/sh
# test_compose_cli.sh — `moodscape compose` as users drive it: the audio and
# MIDI it writes, its JSON, determinism, steering, usage errors (exit 2) and
# run-time failures (exit 1), and that a failed run leaves no file behind.
# usage: test_compose_cli.sh BIN   (MOODSCAPE_DATA names the data dir;
# MOODSCAPE_SOUNDFONT defaults to the small TimGM6mb SoundFont)
set -u
BIN=$1
case $BIN in */*) case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac ;; esac
case ${MOODSCAPE_DATA:-} in ""|/*) ;; *) MOODSCAPE_DATA=$(pwd)/$MOODSCAPE_DATA ;; esac
: "${MOODSCAPE_SOUNDFONT:=/usr/share/sounds/sf2/TimGM6mb.sf2}"
export MOODSCAPE_DATA MOODSCAPE_SOUNDFONT
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
RUN=$TMP/run        # every compose runs in here; failures must leave it empty
checks=0
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
check() {          # check WHAT COMMAND...: one check, passes if COMMAND does
    checks=$((checks + 1))
    _what=$1; shift
    "$@" >/dev/null 2>&1 || fail "$_what"
}
expect_status() {  # expect_status WANT GOT WHAT
    checks=$((checks + 1))
    [ "$1" = "$2" ] || fail "$3: exit status $2, want $1: $(head -n 3 "$TMP/err")"
}
json_check() {     # json_check FILTER FILE WHAT
    checks=$((checks + 1))
    jq -e "$1" "$2" >/dev/null 2>&1 || fail "$3: $(head -c 300 "$2")"
}
nothing_left() {   # nothing_left DIR WHAT: DIR is empty (no output, no *.part*)
    checks=$((checks + 1))
    _left=$(ls -A "$1")
    [ -z "$_left" ] || fail "$2: left behind: $(printf "%s" "$_left" | tr "\n" " ")"
}
fresh() { chmod -R u+rwx "$RUN" 2>/dev/null; rm -rf "$RUN"; mkdir "$RUN"; }
run() {            # run ARGS...: moodscape compose ARGS in $RUN; sets st
    (cd "$RUN" && exec "$BIN" compose "$@") >"$TMP/out" 2>"$TMP/err"
    st=$?
}
is_num() { printf '%s\n' "$1" | grep -Eq '^-?[0-9]+(\.[0-9]+)?$'; }
num() {            # num A OP B: numeric test; false if either is not a number
    is_num "$1" && is_num "$3" &&
        awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
            if (op == ">") r = a > b; else if (op == ">=") r = a >= b
            else if (op == "<") r = a < b; else if (op == "<=") r = a <= b
            else r = 0
            exit !r }'
}
near() {           # near A B TOLERANCE
    is_num "$1" && is_num "$2" &&
        awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d <= t && -d <= t) }'
}
stat_db() {        # stat_db FILE NAME: sox stats' overall "NAME dB" figure
    sox "$1" -n stats 2>&1 | awk -v n="$2" '$1 " " $2 == n && $3 == "dB" { print $4 }'
}
magic() { head -c "$2" "$1" 2>/dev/null; }
audio_check() {    # audio_check FILE SECONDS WHAT: 44.1 kHz stereo, length,
    _rate=$(soxi -r "$1" 2>/dev/null)   # audible, not clipped
    _chans=$(soxi -c "$1" 2>/dev/null)
    _dur=$(soxi -D "$1" 2>/dev/null)
    _rms=$(stat_db "$1" "RMS lev")
    _peak=$(stat_db "$1" "Pk lev")
    check "$3: sample rate '$_rate', want 44100" [ "$_rate" = 44100 ]
    check "$3: channels '$_chans', want 2" [ "$_chans" = 2 ]
    check "$3: duration '$_dur', want $2 +- 0.01" near "$_dur" "$2" 0.01
    check "$3: silent (RMS '$_rms' dB, want > -40)" num "$_rms" ">" -40
    check "$3: clipped (peak '$_peak' dBFS, want <= -0.5)" num "$_peak" "<=" -0.5
}

# Help.
"$BIN" compose --help >"$TMP/help" 2>"$TMP/err"; expect_status 0 $? "compose --help"
check "--help mentions --seconds" grep -q -e "--seconds" "$TMP/help"
check "--help mentions --genre" grep -q -e "--genre" "$TMP/help"

# A mood from the table: the WAV, the MIDI and the JSON.
fresh; run --mood sad --seconds 8 -o x.wav --midi y.mid
expect_status 0 "$st" "--mood sad"
audio_check "$RUN/x.wav" 8 "--mood sad WAV"
check "--mood sad: stdout is one JSON object" jq -se 'length == 1' "$TMP/out"
json_check '.file == "x.wav" and .seconds == 8 and .mood == "sad"
    and .mode == "minor" and .midi == "y.mid" and .valence < 0
    and (.arousal | type == "number") and (.genre | type == "string")
    and (.tempo_bpm > 0) and (.key | type == "string")
    and (.scale | type == "string") and (.render_seconds | type == "number")' \
    "$TMP/out" "--mood sad JSON"
check "MIDI starts with MThd" [ "$(magic "$RUN/y.mid" 4)" = MThd ]
fmt=$(od -An -tu1 -j8 -N2 "$RUN/y.mid" 2>/dev/null | tr -s ' ' | sed 's/^ //; s/ $//')
check "MIDI format '$fmt', want 1 (bytes '0 1')" [ "$fmt" = "0 1" ]

# A pleasant point is major.
fresh; run --va 0.8,0.5 --seconds 3 -o x.wav
expect_status 0 "$st" "--va 0.8,0.5"
json_check '.mode == "major" and .valence == 0.8 and .arousal == 0.5 and .midi == null' \
    "$TMP/out" "--va 0.8,0.5 JSON"

# FLAC and Ogg Vorbis, really encoded as such.
for ext in flac ogg; do
    fresh; run --mood calm --seconds 3 -o "x.$ext"
    expect_status 0 "$st" "-o x.$ext"
    case $ext in flac) want=fLaC ;; ogg) want=OggS ;; esac
    check "x.$ext is not $ext (starts '$(magic "$RUN/x.$ext" 4)')" \
        [ "$(magic "$RUN/x.$ext" 4)" = "$want" ]
    rate=$(soxi -r "$RUN/x.$ext" 2>/dev/null); dur=$(soxi -D "$RUN/x.$ext" 2>/dev/null)
    check "x.$ext: soxi rate '$rate', want 44100" [ "$rate" = 44100 ]
    check "x.$ext: soxi duration '$dur', want 3 +- 0.01" near "$dur" 3 0.01
done

# The feeling in a text.
fresh; run "I am so happy today" --seconds 5 -o z.wav
expect_status 0 "$st" "compose TEXT"
json_check '.valence > 0' "$TMP/out" "compose TEXT JSON"
check "compose TEXT: z.wav duration" near "$(soxi -D "$RUN/z.wav" 2>/dev/null)" 5 0.01

# Determinism: the same seed gives the same bytes, another seed another piece.
fresh
run --mood peaceful --seed 5 --seconds 4 -o a.wav --midi a.mid; expect_status 0 "$st" "seed 5"
run --mood peaceful --seed 5 --seconds 4 -o b.wav --midi b.mid; expect_status 0 "$st" "seed 5 again"
run --mood peaceful --seed 6 --seconds 4 -o c.wav; expect_status 0 "$st" "seed 6"
check "same seed, different WAV" cmp "$RUN/a.wav" "$RUN/b.wav"
check "same seed, different MIDI" cmp "$RUN/a.mid" "$RUN/b.mid"
check "another seed, same WAV" eval '! cmp -s "$RUN/a.wav" "$RUN/c.wav"'

# Steering: arousal raises the tempo (8 s: long enough for whole bars to
# leave room to steer); genres are honoured.
fresh
run --va 0,-0.8 --seed 3 --seconds 8 -o slow.wav; expect_status 0 "$st" "--va 0,-0.8"
slow=$(jq -r .tempo_bpm "$TMP/out" 2>/dev/null)
run --va 0,0.8 --seed 3 --seconds 8 -o fast.wav; expect_status 0 "$st" "--va 0,0.8"
fast=$(jq -r .tempo_bpm "$TMP/out" 2>/dev/null)
check "arousal 0.8 tempo $fast not above arousal -0.8 tempo $slow" num "$fast" ">" "$slow"
for g in piano rock; do
    run --mood sad --genre $g --seed 3 --seconds 3 -o $g.wav
    expect_status 0 "$st" "--genre $g"
    json_check ".genre == \"$g\"" "$TMP/out" "--genre $g JSON"
done
check "piano and rock sound the same" eval '! cmp -s "$RUN/piano.wav" "$RUN/rock.wav"'

# A glide from sad to happy.
fresh; run --va -0.6,-0.5 --to 0.6,0.6 --seconds 12 -o glide.wav
expect_status 0 "$st" "--to glide"
check "--to glide: duration" near "$(soxi -D "$RUN/glide.wav" 2>/dev/null)" 12 0.01

# Usage errors: exit 2, the contract's message, nothing written.
usage_error() {    # usage_error WHAT ARGS...
    _w=$1; shift
    fresh; run "$@"
    expect_status 2 "$st" "$_w"
    check "$_w: message: $(head -n 1 "$TMP/err")" grep -q '^moodscape: compose: ' "$TMP/err"
    nothing_left "$RUN" "$_w"
}
usage_error "--va 2,0"            --va 2,0 --seconds 2 -o o.wav
usage_error "--va 0,-1.5"         --va 0,-1.5 --seconds 2 -o o.wav
usage_error "--va abc"            --va abc --seconds 2 -o o.wav
usage_error "--mood nosuchmood"   --mood nosuchmood --seconds 2 -o o.wav
usage_error "--genre polka"       --mood sad --genre polka --seconds 2 -o o.wav
usage_error "--instrument kazoo"  --mood sad --instrument kazoo-nope --seconds 2 -o o.wav
usage_error "--seconds 0"         --mood sad --seconds 0 -o o.wav
usage_error "--seconds 9999"      --mood sad --seconds 9999 -o o.wav
usage_error "--seconds abc"       --mood sad --seconds abc -o o.wav
usage_error "--seed -4"           --mood sad --seed -4 --seconds 2 -o o.wav
usage_error "--mood and --va"     --mood sad --va 0,0 --seconds 2 -o o.wav
usage_error "no mood"             --seconds 2 -o o.wav
usage_error "no -o"               --mood sad --seconds 2
usage_error "-o out.mp4"          --mood sad --seconds 2 -o out.mp4
usage_error "unknown option"      --mood sad --seconds 2 --bogus -o o.wav
usage_error "-o and --midi same"  --mood sad --seconds 2 -o same.wav --midi same.wav

# Run-time failures: exit 1, a message naming the culprit, nothing written.
runtime_error() {  # runtime_error WHAT NEEDLE ARGS...
    _w=$1; _needle=$2; shift 2
    fresh; run "$@"
    expect_status 1 "$st" "$_w"
    check "$_w: message does not name $_needle: $(head -n 3 "$TMP/err")" \
        eval 'grep "^moodscape: compose: " "$TMP/err" | grep -qF -- "$_needle"'
    nothing_left "$RUN" "$_w"
}
runtime_error "--soundfont missing" /nonexistent.sf2 \
    --mood sad --seconds 2 --soundfont /nonexistent.sf2 -o o.wav --midi o.mid
sf=$MOODSCAPE_SOUNDFONT; MOODSCAPE_SOUNDFONT=/nonexistent.sf2
runtime_error "MOODSCAPE_SOUNDFONT missing" /nonexistent.sf2 \
    --mood sad --seconds 2 -o o.wav
MOODSCAPE_SOUNDFONT=$sf
echo "this is not a SoundFont" >"$TMP/text.sf2"
runtime_error "--soundfont not a SoundFont" "$TMP/text.sf2" \
    --mood sad --seconds 2 --soundfont "$TMP/text.sf2" -o o.wav
runtime_error "-o into a missing dir" /nonexistent-dir/x.wav \
    --mood sad --seconds 2 -o /nonexistent-dir/x.wav --midi y.mid
runtime_error "--midi into a missing dir" /nonexistent-dir/y.mid \
    --mood sad --seconds 2 -o x.wav --midi /nonexistent-dir/y.mid
if [ "$(id -u)" -ne 0 ]; then   # root writes to read-only dirs anyway
    mkdir "$TMP/ro"; chmod 555 "$TMP/ro"
    runtime_error "-o into a read-only dir" "$TMP/ro/x.wav" \
        --mood sad --seconds 2 -o "$TMP/ro/x.wav"
    nothing_left "$TMP/ro" "-o into a read-only dir"
    runtime_error "--midi into a read-only dir" "$TMP/ro/y.mid" \
        --mood sad --seconds 2 -o x.wav --midi "$TMP/ro/y.mid"
    nothing_left "$TMP/ro" "--midi into a read-only dir"
    chmod 755 "$TMP/ro"
else
    echo "SKIP: read-only directory checks (running as root)" >&2
fi

if [ $fails -eq 0 ]; then
    echo "test_compose_cli: $checks checks passed"
else
    echo "test_compose_cli: $fails of $checks checks failed" >&2
fi
exit $((fails > 0))
