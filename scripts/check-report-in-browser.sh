#!/usr/bin/env bash
# Opens the committed sample HTML report in headless Chromium and fails on any network request,
# console error or missing section; saves the full page to Reports/.work/report.png (git-ignored) and the
# first 1280x800 screen to Reports/screenshots/NAME-first-screen.png (committed, for review).
# Installs Debian's chromium and websocket-client (PyPI) when missing.
# Usage: bash scripts/check-report-in-browser.sh [REPORT.html]
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-Reports/fixtures-audit.html}"
if ! command -v chromium >/dev/null 2>&1; then
  echo "check-report: installing chromium with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
python3 -c "import websocket" 2>/dev/null || python3 -m pip install -q websocket-client==1.9.2
mkdir -p Reports/.work
name="$(basename "$report" .html)"
python3 scripts/check_html_in_chromium.py "$report" --screenshot Reports/.work/report.png \
  --first-screen "Reports/screenshots/$name-first-screen.png"
