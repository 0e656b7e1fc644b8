#!/usr/bin/env bash
# The style check CI runs: the toolchain's swift-format in strict lint mode with the committed
# .swift-format configuration, over every Swift file of the package (and the nested benchmark package).
# Exit 1 on any finding. Fix most findings with: swift format format -i -r Sources Tests Package.swift
# Usage: bash scripts/lint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive --parallel Sources Tests Package.swift Benchmarks/MiniLMSwift
echo "lint: no findings" >&2
