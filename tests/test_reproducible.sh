#!/bin/sh
# test_reproducible.sh — training again from the same data gives byte-
# identical lexicon, model and music synonym files.
# usage: test_reproducible.sh BIN SOURCE_DIR BUILT_DATA_DIR WORDNET_DIR
set -eu
BIN=$1 SRC=$2 BUILT=$3 WN=$4
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$SRC/data/moods.tsv" "$SRC/data/lexicon/misspellings.tsv" "$TMP/"
"$BIN" train lexicon --wordnet "$WN" --seed "$SRC/data/lexicon/seed.tsv" \
    --out "$TMP" 2>/dev/null
"$BIN" train text --data "$TMP" --corpus "$SRC/data/corpus/moods.tsv" \
    --neutral "$SRC/data/corpus/neutral.tsv" --model "$TMP/text.model" \
    --dev "$TMP/dev.tsv" 2>/dev/null
"$BIN" train synonyms --wordnet "$WN" --seed "$SRC/data/synonyms.tsv" \
    --out "$TMP/synonyms.tsv" 2>/dev/null
for f in morph.txt lexicon.tsv text.model dev.tsv synonyms.tsv; do
    cmp "$BUILT/$f" "$TMP/$f" || { echo "FAIL: $f differs" >&2; exit 1; }
done
echo "test_reproducible: lexicon, model, dev split and synonyms are identical"
