#!/usr/bin/env bash
# Does the crate build on the Rust it declares? Reads `rust-version` from
# Cargo.toml, installs that toolchain with rustup if it is missing, and checks
# the library and the binary with it (in target/msrv, apart from the main
# build's cache). Those are what the promise covers: what `cargo install` and
# a crate depending on duizhao compile, and what Cargo refuses to build on an
# older Rust. The tests, examples and dev-dependencies are for contributors,
# who use the current stable (clippy checks them there); checking them here
# too would compile the test targets and dev-dependencies once more per run.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^rust-version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
if [[ -z "$version" ]]; then
    echo "msrv.sh: no rust-version in Cargo.toml" >&2
    exit 2
fi
if ! rustup run "$version" rustc --version >/dev/null 2>&1 \
    && ! rustup toolchain install "$version" --profile minimal; then
    # A machine that cannot fetch toolchains: say so loudly rather than fail
    # every run; DUIZHAO_MSRV_REQUIRED=1 makes it a failure.
    echo "msrv.sh: WARNING: Rust $version could not be installed; the declared rust-version was NOT checked" >&2
    [[ "${DUIZHAO_MSRV_REQUIRED:-0}" == 1 ]] && exit 1
    exit 0
fi
CARGO_TARGET_DIR=target/msrv cargo "+$version" check --locked --lib --bins
