#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium, CJK fonts (else
# Chinese renders as boxes), a Java runtime for the Nu HTML Checker
# (tests/browser/html.test.mjs) and the npm packages of tests/browser.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v java >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto.*CJK"; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk default-jre-headless >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
