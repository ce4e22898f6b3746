#!/usr/bin/env bash
# Installs what the readers' checks need, with apt-get (as root or through
# sudo): epubcheck (Debian's package, with Java), which validates the EPUB in
# the Rust suite (tests/suite/readers.rs fails without it when CI is set), and
# pdftotext (poppler-utils), which reads the PDFs the browser tests print.
# xmllint (libxml2-utils) validates `duizhao xliff export` against the XLIFF
# 2.0 schema (tests/suite/xliff.rs fails without it when CI is set).
set -euo pipefail
if command -v pdftotext >/dev/null && command -v xmllint >/dev/null && [ -e /usr/share/java/epubcheck.jar ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends poppler-utils epubcheck libxml2-utils >/dev/null
