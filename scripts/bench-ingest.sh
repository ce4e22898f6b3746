#!/usr/bin/env bash
# Ingest throughput: MB/s of raw text on one core, over a corpus made by
# repeating the bundled sources (with their sidecars and fixes) to at least
# 50 MB. Prints the corpus size, wall time and MB/s of each run and the best.
#
#   bash scripts/bench-ingest.sh [MEGABYTES] [RUNS]
#
# DUIZHAO_BIN=path times that binary instead of building this checkout's
# (to compare two versions on the same corpus in the same minute).
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${1:-50}
runs=${2:-3}
work=${BENCH_DIR:-/dev/shm/duizhao-bench-ingest}

if [[ -n "${DUIZHAO_BIN:-}" ]]; then
  bin=$(realpath "$DUIZHAO_BIN")
else
  cargo build --release --quiet
  bin=$PWD/target/release/duizhao
fi

rm -rf "$work" && mkdir -p "$work/sources"
source_bytes=$(cat sources/*.txt | wc -c)
copies=$(( (target_mb * 1000 * 1000 + source_bytes - 1) / source_bytes ))
for f in sources/*.txt; do
  stem=$(basename "$f" .txt)
  for i in $(seq -w 1 "$copies"); do
    cp "$f" "$work/sources/${stem}_$i.txt"
    cp "sources/$stem.toml" "$work/sources/${stem}_$i.toml"
    [ -f "sources/$stem.fixes.toml" ] && cp "sources/$stem.fixes.toml" "$work/sources/${stem}_$i.fixes.toml"
  done
done
bytes=$(cat "$work"/sources/*.txt | wc -c)
files=$(ls "$work"/sources/*.txt | wc -l)
calc() { awk "BEGIN { print $1 }"; }
printf 'corpus: %d files, %.1f MB of raw text (%d copies of the %d sources)\n' \
  "$files" "$(calc "$bytes / 1000000")" "$copies" "$(ls sources/*.txt | wc -l)"

best=0
for run in $(seq 1 "$runs"); do
  rm -rf "$work/content"
  start=$(date +%s.%N)
  RAYON_NUM_THREADS=1 taskset -c 0 "$bin" -C "$work" ingest --quiet >/dev/null 2>"$work/stderr" || {
    cat "$work/stderr"; exit 1; }
  end=$(date +%s.%N)
  secs=$(calc "$end - $start")
  rate=$(calc "$bytes / 1000000 / $secs")
  printf 'run %d: %.2f s, %.1f MB/s on one core, %d articles written\n' "$run" "$secs" "$rate" "$(ls "$work/content" | wc -l)"
  best=$(calc "($rate > $best) ? $rate : $best")
done
printf 'ingest throughput (best of %d): %.1f MB/s on one core (target: 50 MB/s)\n' "$runs" "$best"
