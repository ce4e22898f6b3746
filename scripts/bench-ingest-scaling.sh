#!/usr/bin/env bash
# Ingest time against the size of ONE source: a plain-text source of distinct
# articles (5 paragraphs each, from the bundled sources, numbered so that no
# two are repeats) at 1, 2, 4, 8, 16 and 32 MB, and 100 MB with --with-100.
# Prints wall seconds, seconds per MB (flat means linear time), CPU seconds
# (user + sys: steadier than wall time on a shared machine) and peak memory.
#
#   bash scripts/bench-ingest-scaling.sh [--with-100] [--no-build]
#   BENCH_SIZES="1 2 4" bash scripts/bench-ingest-scaling.sh   # other sizes
set -euo pipefail
cd "$(dirname "$0")/.."
read -ra sizes <<<"${BENCH_SIZES:-1 2 4 8 16 32}"
build=1
for arg in "$@"; do
  case $arg in
    --with-100) sizes+=(100) ;;
    --no-build) build=0 ;;
    *) echo "usage: $0 [--with-100] [--no-build]" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-/dev/shm/duizhao-bench-scaling}
[ "$build" = 1 ] && cargo build --release --quiet
bin=$PWD/target/release/duizhao

# Writes MEGABYTES of distinct articles made from the bundled paragraphs.
generate() {
  python3 - "$1" "$2" sources <<'EOF'
import glob, sys
megabytes, out, sources = int(sys.argv[1]), sys.argv[2], sys.argv[3]
paras, seen = [], set()
for path in sorted(glob.glob(sources + "/*.txt")):
    for block in open(path, encoding="utf-8").read().split("\n\n"):
        text = "".join(block.split())
        ends = {text[:12], text[-12:]}
        if len(text) >= 40 and text[0] not in "<#*" and text.endswith("。") and not ends & seen:
            paras.append(text)  # the sources repeat paragraphs: each once
            seen |= ends
target, written, i = megabytes * 1_000_000, 0, 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        i += 1
        body = [f"第{i}篇第{k}段：{paras[(i * 5 + k) % len(paras)]}（{i}-{k}）" for k in range(1, 6)]
        article = f"社区防控一线纪实第{i}篇\n\n本报讯（记者王明）" + "\n\n".join(body) + "\n\n"
        f.write(article)
        written += len(article.encode())
print(i)
EOF
}

calc() { awk "BEGIN { print $1 }"; }
printf '%8s %10s %9s %8s %9s %9s\n' size articles seconds s/MB cpu-s peak-MB
for mb in "${sizes[@]}"; do
  edition=$work/$mb
  rm -rf "$edition" && mkdir -p "$edition/sources"
  cp edition.toml "$edition/"
  printf 'publication = "基准日报"\nyear = 2020\nregion = "湖北省/十堰市"\n' >"$edition/sources/big.toml"
  made=$(generate "$mb" "$edition/sources/big.txt")
  bytes=$(wc -c <"$edition/sources/big.txt")
  start=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$edition/rss" "$bin" -C "$edition" ingest -q >/dev/null 2>"$edition/stderr" || {
    cat "$edition/stderr"; exit 1; }
  end=$(date +%s.%N)
  secs=$(calc "$end - $start")
  articles=$(ls "$edition/content" | wc -l)
  [ "$articles" = "$made" ] || echo "warning: $made articles generated, $articles written" >&2
  read -r rss user sys <"$edition/rss"
  printf '%6s MB %10d %9.2f %8.3f %9.2f %9d\n' "$mb" "$articles" "$secs" "$(calc "$secs / ($bytes / 1000000)")" \
    "$(calc "$user + $sys")" "$((rss / 1024))"
  rm -rf "$edition"
done
