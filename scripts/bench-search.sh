#!/usr/bin/env bash
# Search benchmark (issue 10): builds the synthetic edition of N articles
# (default 10000; the same as scripts/bench-build.sh) with `duizhao build`,
# prints the index's figures (size, shards, the time the index took inside
# the build, the build's peak memory), then opens the site from file:// in
# headless Chromium and prints, for a sample of first queries, the index
# bytes each loaded and how long it took to answer. Fails when a first query
# loads more than 1 MiB of index.
#   scripts/bench-search.sh            # N=10000
#   N=1000 scripts/bench-search.sh
# Needs what scripts/browser-tests.sh needs (it installs it the same way).
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
# The build with step times on; its memory read from /proc as each step
# ends (resident before the index, the high-water mark after it; CPU time),
# and its peak from wait4.
python3 - "$PWD/target/release/duizhao" "$raw" "$site" <<'PY'
import os, subprocess, sys
dz, raw, site = sys.argv[1:]
env = dict(os.environ, DUIZHAO_TIMINGS="1")
child = subprocess.Popen([dz, "-C", raw, "build", "--quiet", "--out", site], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
def memory():
    try:
        with open(f"/proc/{child.pid}/status") as f:
            fields = dict(l.split(":", 1) for l in f)
        with open(f"/proc/{child.pid}/stat") as f:
            ticks = sum(int(x) for x in f.read().rsplit(")", 1)[1].split()[11:13])
        return {k: int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM")} | {"cpu": ticks / os.sysconf("SC_CLK_TCK")}
    except (OSError, KeyError, ValueError):
        return None
lines, before, after = [], None, None
for line in child.stderr:
    lines.append(line.rstrip("\n"))
    if line.startswith("output checked"):
        before = memory()
    elif line.startswith("search index"):
        after = memory()
_, status, usage = os.wait4(child.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("\n".join(lines))
index = next(l for l in lines if l.startswith("search index"))
total = next(l for l in lines if l.startswith("rendered"))
print(f"  {index}")
if before and after:
    print(f"  memory: {before['VmRSS']} MiB resident before the index, high-water mark {after['VmHWM']} MiB "
          f"after it: {after['VmHWM'] - before['VmRSS']} MiB more; the index took {after['cpu'] - before['cpu']:.1f} s "
          f"of CPU (user + system, all threads; the wall time above counts waiting for a core)")
print(f"  whole build: {total}; peak RSS {usage.ru_maxrss / 1024:.0f} MiB")
PY
bytes=$(du -sb "$site/search" | cut -f1)
files=$(ls "$site/search" | wc -l)
echo "  search/: $files files, $((bytes / 1024)) KiB in all"
cd tests/browser
SITE="$site" node bench-search.mjs
