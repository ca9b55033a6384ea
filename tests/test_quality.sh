#!/bin/sh
# test_quality.sh — the text model on the held-out dev split must reach
# macro-F1 >= 0.85 and circumplex-quadrant accuracy >= 0.95.
set -u
BIN=$1 DEV=$2
out=$("$BIN" eval text "$DEV" --json) || { echo "eval failed" >&2; exit 1; }
echo "$out" | jq -c '{n, accuracy, macro_f1, quadrant_accuracy, quadrant_accuracy_va, neutral_flagged_uncertain, moods_flagged_uncertain}'
echo "$out" | jq -e '.macro_f1 >= 0.85 and .quadrant_accuracy >= 0.95' >/dev/null
