#!/usr/bin/env bash
# Does the crate build on the Rust it declares? Reads `rust-version` from
# Cargo.toml, installs that toolchain with rustup if it is missing, and checks
# every target with it (in target/msrv, apart from the main build's cache).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^rust-version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
if [[ -z "$version" ]]; then
    echo "msrv.sh: no rust-version in Cargo.toml" >&2
    exit 2
fi
if ! rustup run "$version" rustc --version >/dev/null 2>&1; then
    rustup toolchain install "$version" --profile minimal
fi
CARGO_TARGET_DIR=target/msrv cargo "+$version" check --locked --all-targets
