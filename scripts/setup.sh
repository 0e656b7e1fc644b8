#!/usr/bin/env bash
# Installs what building Assay needs on Debian/Ubuntu, only when it is missing:
# OpenBLAS (libopenblas-dev) and zlib (zlib1g-dev), both found through pkg-config, pkg-config itself, and
# hnswlib (libhnswlib-dev, header-only) for approximate neighbours.
# Run by scripts/audit-fixtures.sh and scripts/test.sh; safe to run on its own.
set -euo pipefail

need_packages=()
command -v pkg-config >/dev/null 2>&1 || need_packages+=(pkg-config)
if ! pkg-config --exists openblas 2>/dev/null; then need_packages+=(libopenblas-dev); fi
if ! pkg-config --exists zlib 2>/dev/null; then need_packages+=(zlib1g-dev); fi
[ -f /usr/include/hnswlib/hnswlib.h ] || need_packages+=(libhnswlib-dev)

if [ ${#need_packages[@]} -gt 0 ]; then
  echo "setup: installing ${need_packages[*]} with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: error: swift is not on PATH; install Swift 6.3 from swift.org first" >&2
  exit 2
fi
