#!/usr/bin/env bash
# The alignment benchmark (docs/ARCHITECTURE.md, "duizhao align"): re-aligns
# the edition's own translations, joined into plain texts, unbroken and
# re-broken (SEEDS=1,2,3 to choose the re-breakings), and prints how many
# blocks get exactly their paragraphs and how many wrong ones are flagged.
# Usage: scripts/bench-align.sh [EDITION_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked --example bench_align -- "${1:-.}"
