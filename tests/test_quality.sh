#!/bin/sh
# test_quality.sh — the text model on sentences it never trained on:
#  - the held-out dev split of the corpus (one sentence in five);
#  - data/eval/fresh.tsv, 60 sentences written apart from the corpus.
# The dev split must reach the macro-F1 goal of 0.85 (it measures 0.870);
# its quadrant accuracy (0.900) is held at a floor a little below, since
# the goal of 0.95 is not reached yet (README, "Quality").
# usage: test_quality.sh BIN DEV.tsv FRESH.tsv
set -u
BIN=$1 DEV=$2 FRESH=$3
fails=0
check() {  # check FILE JQ-CONDITION
    out=$("$BIN" eval text "$1" --json) || { echo "eval $1 failed" >&2; fails=$((fails + 1)); return; }
    echo "$1: $(echo "$out" | jq -c '{n, macro_f1, quadrant_accuracy, neutral_flagged_uncertain}')"
    echo "$out" | jq -e "$2" >/dev/null || { echo "FAIL: $1: $2" >&2; fails=$((fails + 1)); }
}
check "$DEV" '.macro_f1 >= 0.85 and .quadrant_accuracy >= 0.88 and .neutral_flagged_uncertain >= 0.75'
check "$FRESH" '.macro_f1 >= 0.90 and .quadrant_accuracy >= 0.93'
exit $((fails > 0))
