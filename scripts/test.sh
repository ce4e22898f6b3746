#!/usr/bin/env bash
# Every test: the Rust tests (unit, golden files, snapshots, command line),
# then the real-browser suite, which installs Chromium and CJK fonts
# (Debian packages) and playwright-core (npm) if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
bash scripts/browser-tests.sh
