# Sourced by the benchmark scripts: the corpus they share.
#   bench_corpus            sets CORPUS to `shared` (../shared/bench is there
#                           and CORPUS is not `own`) or `own`
#   make_duizhao_edition D  writes the N-article duizhao edition into D,
#                           unless D/content is there already
bench_corpus() {
  if [ "${CORPUS:-}" != own ] && [ -f "$BENCH/make_corpus.py" ]; then CORPUS=shared; else CORPUS=own; fi
}

make_duizhao_edition() {
  local raw=$1
  [ -d "$raw/content" ] && return 0
  if [ "$CORPUS" = shared ]; then
    python3 "$BENCH/make_corpus.py" --n "$N" --out "$raw" --flavor raw
    # Its front matter carries `tags`, which duizhao's strict format does not know.
    find "$raw/content" -name '*.md' -print0 | xargs -0 sed -i '/^tags = /d'
    mkdir -p "$raw/sources"
    printf 'synthetic benchmark corpus\n' > "$raw/sources/synthetic-benchmark.txt"
  else
    python3 scripts/bench/make_edition.py --n "$N" --out "$raw" --flavor duizhao
  fi
}
