#!/usr/bin/env bash
# Every check and every test, as CI runs them:
#   1. the checks: cargo fmt --check, clippy with warnings as errors, cargo doc
#      with warnings as errors, and a check on the declared rust-version
#      (scripts/msrv.sh);
#   2. the Rust tests (unit, golden files, snapshots, command line), after
#      installing epubcheck, poppler-utils and xmllint if missing (install-reader-deps.sh);
#   3. the real-browser suite, which installs Chromium and CJK fonts (Debian
#      packages) and playwright-core (npm) if they are missing.
# `--quick` (or DUIZHAO_QUICK=1) skips the checks and runs only the tests.
# Each step prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=${DUIZHAO_QUICK:-0}
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
    esac
done

step() {
    local started=$SECONDS
    echo "==> $*" >&2
    "$@"
    echo "==> $* took $((SECONDS - started)) s" >&2
}

if [[ "$quick" != 1 ]]; then
    # rustfmt and clippy are rustup components a minimal toolchain may lack.
    for tool in rustfmt clippy; do
        if ! cargo "${tool/rustfmt/fmt}" --version >/dev/null 2>&1; then
            rustup component add "$tool"
        fi
    done
    step cargo fmt --check
    step cargo clippy --all-targets --locked -- -D warnings
    RUSTDOCFLAGS=-Dwarnings step cargo doc --no-deps --locked
    step bash scripts/msrv.sh
fi
# epubcheck for the EPUB test, pdftotext for the printed readers (if missing).
step bash scripts/install-reader-deps.sh
step cargo test --locked
step bash scripts/browser-tests.sh
