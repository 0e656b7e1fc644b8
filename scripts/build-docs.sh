#!/usr/bin/env bash
# Builds the DocC documentation of the QualityMetrics library (its catalog, with the article "Adding a
# metric", and every public symbol's doc comment) with the toolchain's docc, warnings as errors, so a
# broken symbol link or a stale article fails CI. Output: .build/docs/QualityMetrics.doccarchive.
# Usage: bash scripts/build-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
graphs=.build/symbol-graphs
rm -rf "$graphs" .build/docs-graphs
swift build --target QualityMetrics -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir \
  -Xswiftc "$PWD/$graphs" >&2
# Only this module's symbols (and its extensions of other modules' types).
mkdir -p .build/docs-graphs
cp "$graphs"/QualityMetrics.symbols.json "$graphs"/QualityMetrics@*.symbols.json .build/docs-graphs/ 2>/dev/null || \
  cp "$graphs"/QualityMetrics.symbols.json .build/docs-graphs/
docc="$(dirname "$(command -v swift)")/docc"
"$docc" convert Sources/QualityMetrics/QualityMetrics.docc \
  --additional-symbol-graph-dir .build/docs-graphs \
  --fallback-display-name QualityMetrics --fallback-bundle-identifier org.assay.QualityMetrics \
  --output-path .build/docs/QualityMetrics.doccarchive --warnings-as-errors
echo "docs: .build/docs/QualityMetrics.doccarchive" >&2
