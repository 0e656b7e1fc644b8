#!/usr/bin/env bash
# Regenerates the sample reports from Fixtures/ into a temporary folder with the main job, then compares
# every number of the fresh JSON reports with the committed Reports/*.json (scripts/compare_reports.py:
# relative difference at most 1e-6; metrics the committed reports lack are listed as added). Exit 1 on a
# difference. Run by .ci/run.
# Usage: bash scripts/check-reports.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
bash scripts/audit-fixtures.sh "$fresh" > "$fresh/summary.txt"
python3 scripts/compare_reports.py Reports "$fresh"
