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
# Two steps run in the background, beside the checks, because they mostly
# wait (on the network, the disk, or a core clippy's single-threaded tail
# leaves idle): the Debian and npm installs of steps 2 and 3, and the
# rust-version check. Each one's output is printed, and its failure is fatal,
# where the script waits for it.
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

# background NAME CMD...: starts CMD, its output into target/ci-NAME.log;
# join NAME waits for it, prints that log and fails if CMD failed.
declare -A bg_pid bg_started
background() {
    local name=$1
    shift
    mkdir -p target
    echo "==> $* (in the background)" >&2
    bg_started[$name]=$SECONDS
    "$@" >"target/ci-$name.log" 2>&1 &
    bg_pid[$name]=$!
}
join() {
    local name=$1 status=0
    wait "${bg_pid[$name]}" || status=$?
    cat "target/ci-$name.log" >&2
    echo "==> $name (in the background) took $((SECONDS - bg_started[$name])) s" >&2
    if [[ $status != 0 ]]; then
        echo "==> $name failed (exit $status)" >&2
        exit "$status"
    fi
}
installs() {
    # One after the other: both take apt's lock.
    bash scripts/install-reader-deps.sh
    bash scripts/install-browser-deps.sh
}

# epubcheck, pdftotext and xmllint for the Rust tests (if missing);
# Chromium, CJK fonts, Java and the npm packages for the browser tests.
background installs installs

if [[ "$quick" != 1 ]]; then
    # rustfmt and clippy are rustup components a minimal toolchain may lack.
    for tool in rustfmt clippy; do
        if ! cargo "${tool/rustfmt/fmt}" --version >/dev/null 2>&1; then
            rustup component add "$tool"
        fi
    done
    step cargo fmt --check
    background msrv bash scripts/msrv.sh
    step cargo clippy --all-targets --locked -- -D warnings
    RUSTDOCFLAGS=-Dwarnings step cargo doc --no-deps --locked
    join msrv
fi
join installs
step cargo test --locked
step bash scripts/browser-tests.sh
