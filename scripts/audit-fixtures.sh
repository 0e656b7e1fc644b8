#!/usr/bin/env bash
# The main job: installs what is missing, builds Assay (release), audits the synthetic fixtures against
# the real fixture, prints the summary and writes the results (JSON, Markdown, HTML) to Reports/; then
# runs the sample quality gate on the same data and writes what CI would publish (Markdown summary,
# JUnit XML, the gate's JSON verdict). The sample gate fails (exit 1) by design: gen_templated breaks it.
# Usage: bash scripts/audit-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product assay >&2
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
datasets=(--real Fixtures/real.jsonl Fixtures/gen_diverse.jsonl Fixtures/gen_templated.jsonl Fixtures/gen_short.csv)
./.build/release/assay audit "${datasets[@]}" \
  --json Reports/fixtures-audit.json --markdown Reports/fixtures-audit.md --html Reports/fixtures-audit.html
echo "wrote Reports/fixtures-audit.json, .md and .html" >&2

status=0
./.build/release/assay gate --config Fixtures/gate/assay.yml "${datasets[@]}" --quiet \
  --markdown Reports/fixtures-gate.md --junit Reports/fixtures-gate.xml --gate-json Reports/fixtures-gate.json \
  || status=$?
if [ "$status" -ne 1 ]; then
  echo "error: the sample gate should fail on gen_templated (exit 1), it exited $status" >&2
  exit 1
fi
echo "wrote Reports/fixtures-gate.md, .xml and .json (the sample gate fails on gen_templated, as intended)" >&2
