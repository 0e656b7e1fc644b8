#!/usr/bin/env bash
# The main job: installs what is missing, builds Assay (release), audits the synthetic fixtures against
# the real fixture, prints the summary and writes the results (JSON, Markdown, HTML) to Reports/.
# Usage: bash scripts/audit-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product assay >&2
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
./.build/release/assay audit \
  --real Fixtures/real.jsonl \
  Fixtures/gen_diverse.jsonl Fixtures/gen_templated.jsonl Fixtures/gen_short.csv \
  --json Reports/fixtures-audit.json --markdown Reports/fixtures-audit.md --html Reports/fixtures-audit.html
echo "wrote Reports/fixtures-audit.json, .md and .html" >&2
