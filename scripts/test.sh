#!/usr/bin/env bash
# Every test: the Rust tests (unit, golden files, command line), then the
# real-browser suite, which installs Chromium and its fonts if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
if [ -f scripts/browser-tests.sh ]; then
  bash scripts/browser-tests.sh
fi
