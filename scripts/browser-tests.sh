#!/usr/bin/env bash
# Real-browser tests: builds a site and opens it from file:// in headless
# Chromium; and `duizhao serve` on a fixture edition, over HTTP
# (tests/browser/serve.test.mjs). Usage: scripts/browser-tests.sh [SITE_DIR]
# Without SITE_DIR it builds the bundled edition (or, if the repository has
# no content/ yet, the fixture edition) into target/browser-site.
# Screenshots land in target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ] \
  || [ ! -d tests/browser/node_modules/vnu-jar ] || ! command -v chromium >/dev/null || ! command -v java >/dev/null; then
  bash scripts/install-browser-deps.sh
fi
# pdftotext reads the printed readers and handouts (reader.test.mjs).
bash scripts/install-reader-deps.sh
site="${1:-}"
# serve.test.mjs runs the binary itself. Built as `cargo test` builds it (with
# the features the dev-dependencies add to shared crates), so after the Rust
# tests this compiles nothing; a plain `cargo build` would rebuild regex,
# serde and the crate itself with the features they have without the tests.
cargo build --quiet --tests
if [ -z "$site" ]; then
  site="$PWD/target/browser-site"
  edition=.
  [ -d content ] || edition=tests/fixtures/sites/basic
  ./target/debug/duizhao -C "$edition" build --quiet --out "$site"
fi
cd tests/browser
SITE="$(cd "$site" && pwd)" SHOTS="$PWD/../../target/screenshots" node --test
