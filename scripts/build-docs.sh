#!/usr/bin/env bash
# Builds the DocC documentation of the QualityMetrics library (its catalog, with the article "Adding a
# metric", and every public symbol's doc comment) with the toolchain's docc, warnings as errors, so a
# broken symbol link or a stale article fails CI. Output: .build/docs/QualityMetrics.doccarchive.
# Usage: bash scripts/build-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift package dump-symbol-graph --minimum-access-level public >&2
graphs="$(swift build --show-bin-path)/../symbolgraph"
# Only this module's symbols (and its extensions of other modules' types).
selected=.build/docs-graphs
rm -rf "$selected" .build/docs
mkdir -p "$selected" .build/docs
cp "$graphs"/QualityMetrics.symbols.json "$selected"/
cp "$graphs"/QualityMetrics@*.symbols.json "$selected"/ 2>/dev/null || true
docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
"$docc" convert Sources/QualityMetrics/QualityMetrics.docc \
  --additional-symbol-graph-dir "$selected" \
  --fallback-display-name QualityMetrics --fallback-bundle-identifier org.assay.QualityMetrics \
  --output-path .build/docs/QualityMetrics.doccarchive --warnings-as-errors
echo "docs: .build/docs/QualityMetrics.doccarchive" >&2
