#!/bin/sh
# make bench: the text reader's speed on this machine, pinned to one core.
# usage: bench/run.sh BUILD_DIR
B=${1:-build}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
taskset -c 0 "$B/bench/bench_text" "$B/data" "$B/data/dev.tsv" 100
