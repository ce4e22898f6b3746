#!/usr/bin/env bash
# Installs what the readers' checks need, with apt-get (as root or through
# sudo): epubcheck (Debian's package, with Java), which validates the EPUB in
# the Rust suite (tests/suite/readers.rs fails without it when CI is set), and
# pdftotext (poppler-utils), which reads the PDFs the browser tests print.
set -euo pipefail
if command -v pdftotext >/dev/null && [ -e /usr/share/java/epubcheck.jar ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends poppler-utils epubcheck >/dev/null
