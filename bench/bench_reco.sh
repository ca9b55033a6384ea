#!/bin/sh
# Catalogue scale: tag-only catalogues of 100,000 and 1,000,000 tracks made
# by scripts/make_catalog.py, imported (time and file size), then the
# evaluation requests answered against each, timed one by one on one core.
# usage: bench/bench_reco.sh BUILD_DIR [WORK_DIR] [SIZES]
set -eu
B=$1
W=${2:-$(mktemp -d)}
SIZES=${3:-100000 1000000}
HERE=$(dirname "$0")
mkdir -p "$W"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
for n in $SIZES; do
    [ -f "$W/cat$n.tsv" ] || python3 "$HERE/../scripts/make_catalog.py" -n "$n" > "$W/cat$n.tsv"
    rm -f "$W/cat$n.db" "$W/cat$n.db-wal" "$W/cat$n.db-shm"
    t0=$(date +%s.%N)
    taskset -c 0 "$B/moodscape" import "$W/cat$n.tsv" --db "$W/cat$n.db" 2>/dev/null
    t1=$(date +%s.%N)
    size=$(du -m "$W/cat$n.db" | cut -f1)
    awk -v n="$n" -v a="$t0" -v b="$t1" -v s="$size" 'BEGIN {
        printf "%d tracks: import %.1f s (%.0f tracks/s), %d MB\n", n, b - a, n / (b - a), s }'
    taskset -c 0 "$B/bench/bench_reco" "$B/data" "$W/cat$n.db" \
        "$HERE/../data/eval/reco_queries.tsv" 3
done
