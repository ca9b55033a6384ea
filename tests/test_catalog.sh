#!/bin/sh
# test_catalog.sh — the catalogue as users drive it, on a real SQLite
# file: import of tag-only tracks (and refusal of bad files, all or
# nothing), recommend (the contract's JSON, constraints kept, a wish
# ranked for, requests that match nothing), eval reco (moodscape's ranking
# beats tf-idf on the evaluation set), and index: unchanged files skipped,
# damaged ones recorded, --prune, an indexer killed with SIGKILL mid-way
# resuming with no track lost or doubled, and clear errors for a
# read-only and a locked catalogue.
# usage: test_catalog.sh BIN SRC_DIR   (MOODSCAPE_DATA, MOODSCAPE_SOUNDFONT set)
set -u
BIN=$1
SRC=$2
. "$(dirname "$0")/check.sh"
chmod 755 "$TMP"                 # the read-only check runs as another user
count() { sqlite3 "$1" "$2"; }

# ---- import -----------------------------------------------------------------
DB=$TMP/tags.db
"$BIN" import "$SRC/data/eval/reco_catalog.tsv" --db "$DB" 2> "$TMP/err"
check "import succeeds" test $? -eq 0
check "3,200 tracks" test "$(count "$DB" 'SELECT count(*) FROM tracks')" -eq 3200
check "integrity" test "$(count "$DB" 'PRAGMA integrity_check')" = ok
check "write-ahead log" test "$(count "$DB" 'PRAGMA journal_mode')" = wal
printf 'id\tdescriptors\n' > "$TMP/bad.tsv"
printf 'x1\tpiano, calm\n\tno id\n' >> "$TMP/bad.tsv"
"$BIN" import "$TMP/bad.tsv" --db "$DB" 2> "$TMP/err"
check "bad row fails the import" test $? -eq 1
check "bad row named" grep -q "bad.tsv:3" "$TMP/err"
check "nothing of a failed file kept" test "$(count "$DB" "SELECT count(*) FROM tracks WHERE id = 'x1'")" -eq 0
printf 'title\tartist\n' > "$TMP/nohead.tsv"
"$BIN" import "$TMP/nohead.tsv" --db "$DB" 2> "$TMP/err"
check "missing columns named" grep -q "'id' and 'descriptors'" "$TMP/err"
printf 'id\tdescriptors\n1\tsad piano\n' > "$TMP/again.tsv"
"$BIN" import "$TMP/again.tsv" --db "$DB" 2>/dev/null
"$BIN" import "$TMP/again.tsv" --db "$DB" 2>/dev/null
check "same id replaces" test "$(count "$DB" "SELECT count(*) FROM tracks WHERE id = '1'")" -eq 1
check "emotion read from descriptors" test "$(count "$DB" "SELECT valence < 0 FROM tracks WHERE id = '1'")" -eq 1
echo "not a catalogue" > "$TMP/text.db"
"$BIN" recommend --db "$TMP/text.db" calm 2> "$TMP/err"
check "not a database: exit 1" test $? -eq 1
check "not a database: said" grep -q "not a database" "$TMP/err"
"$BIN" recommend --db "$TMP/none.db" calm 2> "$TMP/err"
check "no catalogue: said" grep -q "no catalogue there yet" "$TMP/err"

# ---- recommend ----------------------------------------------------------------
"$BIN" recommend --db "$DB" -k 5 --json "soft piano for studying, no vocals" > "$TMP/out"
check "contract JSON" jq -e '(.query | type == "string") and (.emotion.mood | type == "string")
    and (.results | length == 5) and all(.results[]; (.id | type == "string")
    and (.score | type == "number") and (.why | length > 0))' "$TMP/out"
check "no vocals kept" sh -c "jq -r '.results[].id' '$TMP/out' | while read -r id; do
    sqlite3 '$DB' \"SELECT vocals FROM tracks WHERE id = '\$id'\"; done | grep -qv 1"
"$BIN" recommend --db "$DB" -k 10 --json "I'm so sad, cheer me up" > "$TMP/out"
check "a wish is ranked for" jq -e '.ranked_for == "desired"
    and ([.results[] | select(.valence > 0)] | length >= 8)' "$TMP/out"
"$BIN" recommend --db "$DB" -k 10 --json "heartbroken and lonely tonight" > "$TMP/out"
check "a mood is matched" jq -e '[.results[] | select(.valence < 0)] | length >= 8' "$TMP/out"
"$BIN" recommend --db "$DB" --json "zxqv wqpl" > "$TMP/out"
check "no match: an emotion-only answer" jq -e '(.results | length == 10)
    and (.results[0].why | test("no word"))' "$TMP/out"
printf 'upbeat funk\n\n\377\376\nslow jazz\n' | "$BIN" recommend --db "$DB" -k 3 > "$TMP/out"
check "stdin: exit 1 with bad lines" test $? -eq 1
check "stdin: one line per request" test "$(wc -l < "$TMP/out")" -eq 4
check "stdin: bad lines answered" test "$(grep -c '"error"' "$TMP/out")" -eq 2
EMPTY=$TMP/empty.db
"$BIN" import "$TMP/again.tsv" --db "$EMPTY" 2>/dev/null
sqlite3 "$EMPTY" "DELETE FROM search; DELETE FROM tracks"
"$BIN" recommend --db "$EMPTY" --json "calm piano" > "$TMP/out"
check "empty catalogue: empty answer" jq -e '.results == []' "$TMP/out"
"$BIN" recommend --db "$DB" -k 0 calm 2>/dev/null
check "-k 0 is a usage error" test $? -eq 2

# ---- eval reco ----------------------------------------------------------------
"$BIN" eval reco "$SRC/data/eval/reco_queries.tsv" --db "$DB" --json > "$TMP/eval"
check "eval reco runs" test $? -eq 0
check "moodscape beats tf-idf at Recall@10" jq -e \
    '.moodscape.recall_at_10 > .tfidf.recall_at_10 and .queries >= 300' "$TMP/eval"

# ---- index ------------------------------------------------------------------------
LIB=$TMP/lib
mkdir -p "$LIB/sub" "$LIB/.hidden"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
    "$BIN" compose --va "0.$((i % 9)),-0.$((i % 7))" --seconds 12 --seed "$i" \
        -o "$LIB/sub/piece$i.wav" >/dev/null
done
cp "$LIB/sub/piece1.wav" "$LIB/copy-of-1.wav"
echo "not audio" > "$LIB/broken.mp3"
echo "notes" > "$LIB/readme.txt"
cp "$LIB/sub/piece2.wav" "$LIB/.hidden/secret.wav"
IDX=$TMP/index.db

# killed mid-way, then run again
"$BIN" index "$LIB" --db "$IDX" --jobs 1 > /dev/null 2>&1 &
pid=$!
n=0
while [ "$n" -lt 3 ] && kill -0 "$pid" 2>/dev/null; do
    n=$(sqlite3 "$IDX" "SELECT count(*) FROM files" 2>/dev/null || echo 0)
    sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before=$(count "$IDX" "SELECT count(*) FROM files")
checks=$((checks + 1))
[ "$before" -lt 18 ] || echo "note: the indexer finished before it was killed" >&2
"$BIN" index "$LIB" --db "$IDX" 2> "$TMP/err"
check "18 audio files (hidden ones and text skipped)" test "$(count "$IDX" "SELECT count(*) FROM files")" -eq 18
check "16 tracks: a copy is the same track" test "$(count "$IDX" "SELECT count(*) FROM tracks")" -eq 16
check "no track twice" test "$(count "$IDX" "SELECT count(*) - count(DISTINCT id) FROM tracks")" -eq 0
check "search entry per track" test "$(count "$IDX" "SELECT count(*) FROM search")" -eq 16
check "integrity after a kill" test "$(count "$IDX" 'PRAGMA integrity_check')" = ok
check "failure recorded with its reason" test "$(count "$IDX" "SELECT count(*) FROM files WHERE path LIKE '%broken.mp3' AND error LIKE '%not audio%'")" -eq 1
check "descriptors from the analysis" test "$(count "$IDX" "SELECT count(*) FROM tracks WHERE descriptors LIKE '%bpm%' OR descriptors LIKE '%no steady beat%'")" -eq 16
"$BIN" index "$LIB" --db "$IDX" 2> "$TMP/err"
check "second run: nothing to do" test $? -eq 0
check "second run: all unchanged" grep -q "0 added, 18 unchanged" "$TMP/err"
sleep 1
"$BIN" compose --va -0.8,0.8 --seconds 12 --seed 99 -o "$LIB/sub/piece3.wav" >/dev/null
"$BIN" index "$LIB" --db "$IDX" 2> "$TMP/err"
check "a changed file is analysed again" grep -q "1 added, 17 unchanged" "$TMP/err"
check "its old track is gone" test "$(count "$IDX" "SELECT count(*) FROM tracks")" -eq 16
rm "$LIB/sub/piece4.wav" "$LIB/copy-of-1.wav"
"$BIN" index "$LIB" --db "$IDX" --prune 2> "$TMP/err"
check "prune forgets what is gone" grep -q "2 forgotten" "$TMP/err"
check "prune keeps a track another file holds" test "$(count "$IDX" "SELECT count(*) FROM tracks")" -eq 15
"$BIN" recommend --db "$IDX" --json -k 3 "fast energetic" > "$TMP/out"
check "indexed tracks carry their file" jq -e 'all(.results[]; .path | startswith("/"))' "$TMP/out"
"$BIN" index "$LIB/broken.mp3" "$LIB/sub/piece1.wav" --db "$TMP/fresh.db" 2> "$TMP/err"
check "a damaged file: exit 1" test $? -eq 1
check "a damaged file: the other indexed" test "$(count "$TMP/fresh.db" "SELECT count(*) FROM tracks")" -eq 1
"$BIN" index "$TMP/nowhere" --db "$IDX" 2> "$TMP/err"
check "missing path: exit 1" test $? -eq 1
check "missing path: said" grep -q "nowhere" "$TMP/err"

# a locked catalogue: another writer holds it past the 5 s wait
( echo "BEGIN EXCLUSIVE;"; sleep 8; echo "COMMIT;" ) | sqlite3 "$IDX" &
lock=$!
sleep 0.5
touch "$LIB/sub/piece5.wav"
"$BIN" index "$LIB" --db "$IDX" 2> "$TMP/err"
check "locked: exit 1" test $? -eq 1
check "locked: said" grep -q "locked" "$TMP/err"
wait "$lock"

# a read-only catalogue (as root, checked as the unprivileged user)
chmod 444 "$IDX"
rm -f "$IDX-wal" "$IDX-shm"
as_user() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
as_user "$BIN" import "$TMP/again.tsv" --db "$IDX" 2> "$TMP/err"
check "read-only: exit 1" test $? -eq 1
check "read-only: said" grep -q "cannot write the catalogue" "$TMP/err"

report test_catalog
