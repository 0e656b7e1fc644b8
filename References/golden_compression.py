#!/usr/bin/env python3
"""Independent reference values for Assay's ``compression_ratio``.

Purpose
-------
Computes the golden values that Assay's Swift implementation of the metric
``compression_ratio`` is tested against.  Nothing here uses Assay's code: the
compressed size comes from Python's standard library (``gzip.compress``, which
calls the zlib library Python links), everything else is plain Python.
The output is ``Fixtures/golden/compression_ratio.json``.

Definitions
-----------
  data              (' '.join(texts)).encode('utf-8'): the texts of a set of
                    rows, in row order, joined with single spaces (an empty
                    text between two others gives two spaces; no trailing
                    space), as UTF-8 bytes.
  original_bytes    len(data).
  compressed_bytes  len(gzip.compress(data, compresslevel=9)).  In Python 3.11
                    this is a 10-byte gzip header (no file name, no extra
                    field), the raw deflate stream of
                    zlib.compress(data, level=9, wbits=-15) (zlib's
                    deflateInit2 with Z_DEFLATED, memLevel 8,
                    Z_DEFAULT_STRATEGY), and an 8-byte trailer (CRC-32, length):
                    raw deflate length + 18.  The script checks, for every case,
                    that this equals len(zlib.compress(data, 9)) + 12 (the same
                    deflate stream in the 2 + 4-byte zlib wrapper) and that
                    gzip.decompress gives data back.
  ratio             original_bytes / compressed_bytes as a Python float
                    (correctly rounded division).  Higher means more
                    repetitive text.  Short texts score below 1: the 18 bytes
                    of framing outweigh what deflate saves.  For an empty data
                    (0 bytes; compressed 20 bytes: the framing and an empty
                    final block) the value written is 0 / 20 = 0.0; what Assay
                    reports for zero bytes is for the Swift side to decide, the
                    sizes are here so it can.

The deflate stream, hence compressed_bytes and the ratio, depends on the zlib
version (and on the deflate implementation: zlib-ng or other forks can emit a
different stream at the same level).  Python's run-time zlib version is written
into the output under "reference"; the committed file was made with zlib 1.2.13
(Python 3.11.7 on Debian 12), the version of Debian 12's zlib1g, which is the
zlib the Swift side links.  With another
zlib the sizes may differ by a few bytes, so compare only when the versions
match, or with a tolerance.  (A cross-check when the file was committed: GNU
gzip 1.12, which has its own deflate code, gave the same sizes with
``gzip -9 -n`` for every inline and fixture case.)

Relation to the ``diversity`` package
-------------------------------------
The definition is the compression ratio of the text-diversity literature
(Shaib et al. 2024, "Standardizing the Measurement of Text Diversity: A Tool
and a Comparative Analysis of Scores", arXiv:2403.00553) and of
the PyPI package ``diversity`` (``compression_ratio(texts, 'gzip')``; read in
version 0.3.1), with two differences that make its numbers not comparable byte
for byte: ``diversity`` measures the ORIGINAL size as the size of a text file
it writes with the joined string (the locale's encoding: UTF-8 on a UTF-8
locale) and the COMPRESSED size as the size of a ``.gz`` file written through
``gzip.GzipFile(path, 'w+')``, whose header also holds the file name
("compressed.gz"); in 0.3.1 the bytes written into that file are themselves
``gzip.compress(data)``, so the data is compressed twice.  It also rounds the
ratio to 3 decimals.  Here: in memory, one ``gzip.compress`` at level 9, no
file name, no rounding.

Cases
-----
  inline    texts written verbatim into the output: one short text; one
            sentence repeated 50 times; 200 distinct made-up sentences drawn
            from a fixed word list with random.Random(20231012); texts with
            non-ASCII characters (accents, precomposed and combining, CJK,
            emoji); an empty text among others; a single empty text.
  fixtures  Fixtures/real.jsonl, Fixtures/gen_diverse.jsonl,
            Fixtures/gen_templated.jsonl (JSON Lines, field ``text``, blank
            lines skipped) and Fixtures/gen_short.csv (``csv`` module, header
            ``text,label``): the whole file in row order, and per label (the
            rows of that label in file order; rows whose ``label`` is missing,
            null or "" are left out).  Texts are not copied into the output.
  shared    every ``*.jsonl`` file under the shared, research-only dataset
            folder (``../shared/datasets`` beside the repository, or
            ``$ASSAY_SHARED_DATASETS``), whole file (field ``text``, file
            order, blank lines skipped), sorted by path relative to that
            folder.  Only the path, the row count and the numbers are written,
            never a text: the datasets' licences are research-only.  When the
            folder is absent the script says so and keeps the shared entries
            already in the output file.

Output layout
-------------
    {"reference": {"python", "zlib_runtime_version", "zlib_version",
                   "compressor"},
     "inline": [{"name", "texts": [str], "rows", "original_bytes",
                 "compressed_bytes", "ratio"}],
     "fixtures": [{"name" (path in the repository), "rows", "original_bytes",
                   "compressed_bytes", "ratio",
                   "per_label": {label: {"rows", "original_bytes",
                                         "compressed_bytes", "ratio"}}}],
     "shared": [{"path" (relative to the shared folder), "rows",
                 "original_bytes", "compressed_bytes", "ratio"}]}

How to run (from the repository root)
-------------------------------------
    python3 References/golden_compression.py                # everything (seconds)
    python3 References/golden_compression.py --skip-shared  # inline + fixtures only

Standard library only (Python 3.11).  With ``--skip-shared`` the shared
entries already in the output file are carried over unchanged.  The output is
deterministic for a given zlib (sorted keys, indent 1, floats as Python repr,
ensure_ascii=False).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import platform
import random
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Fixtures" / "golden" / "compression_ratio.json"
SHARED_DIR = Path(
    os.environ.get("ASSAY_SHARED_DATASETS", str(ROOT.parent / "shared" / "datasets"))
)
LEVEL = 9
SEED = 20231012

FIXTURES = [
    "Fixtures/real.jsonl",
    "Fixtures/gen_diverse.jsonl",
    "Fixtures/gen_templated.jsonl",
    "Fixtures/gen_short.csv",
]

# Made-up vocabulary for the 200 distinct sentences (no text from any dataset).
WORDS = [
    "amber", "bakery", "bicycle", "bright", "calm", "canal", "cinnamon", "clever",
    "copper", "crisp", "curious", "dawn", "distant", "dusty", "eager", "ember",
    "fern", "foggy", "gentle", "glass", "harbour", "hollow", "honey", "idle",
    "island", "jasmine", "kettle", "lantern", "lazy", "lemon", "maple", "meadow",
    "narrow", "nimble", "orchard", "pebble", "quiet", "quill", "rapid", "river",
    "rusty", "saffron", "silver", "slow", "sparrow", "thistle", "timber", "tidy",
    "umbrella", "velvet", "violet", "walnut", "whistle", "willow", "wooden", "yellow",
    "zephyr", "across", "beneath", "beside", "carries", "finds", "folds", "hums",
    "keeps", "lends", "mends", "paints", "sings", "sweeps", "the", "a", "and", "of",
]


def distinct_sentences(count: int, seed: int) -> list[str]:
    """`count` distinct sentences of 5-14 words drawn from WORDS, in draw order."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 14))]
        sentence = " ".join(words).capitalize() + "."
        if sentence not in seen:
            seen.add(sentence)
            out.append(sentence)
    return out


INLINE_CASES = [
    ("single_short_text", ["The coffee was good."]),
    ("same_sentence_50x", ["The staff were friendly and the coffee was great."] * 50),
    ("distinct_200", distinct_sentences(200, SEED)),
    (
        "non_ascii",
        [
            "Caf\u00e9 cr\u00e8me and cr\u00eape, tr\u00e8s bien",          # precomposed accents (NFC)
            "Cafe\u0301 cre\u0300me, the same words with combining accents",  # NFD spelling
            "\u65e5\u672c\u306e\u30b3\u30fc\u30d2\u30fc\u306f\u7f8e\u5473\u3057\u3044",  # Japanese
            "Great cake \U0001F60A\U0001F60A and tea \u2615",                # emoji (4-byte UTF-8) and U+2615
            "Na\u00efve r\u00e9sum\u00e9 \u00c5ngstr\u00f6m stra\u00dfe \u20ac5",
        ],
    ),
    ("empty_text_among_others", ["good food", "", "kind staff"]),
    ("single_empty_text", [""]),
]


# ------------------------------------------------------------------ measuring

def measure(texts: list[str]) -> dict:
    data = " ".join(texts).encode("utf-8")
    compressed = gzip.compress(data, compresslevel=LEVEL)
    if gzip.decompress(compressed) != data:
        raise SystemExit("gzip round trip failed")
    zlib_size = len(zlib.compress(data, LEVEL))
    if len(compressed) != zlib_size + 12:
        raise SystemExit(f"gzip size {len(compressed)} != zlib size {zlib_size} + 12")
    return {
        "rows": len(texts),
        "original_bytes": len(data),
        "compressed_bytes": len(compressed),
        "ratio": len(data) / len(compressed),
    }


def has_label(label) -> bool:
    return label is not None and label != ""


def read_jsonl(path: Path) -> tuple[list[str], list]:
    texts, labels = [], []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise SystemExit(f"{path}:{lineno}: text: not a string")
            texts.append(obj["text"])
            labels.append(obj.get("label"))
    return texts, labels


def read_csv(path: Path) -> tuple[list[str], list]:
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            texts.append(row["text"])
            labels.append(row.get("label"))
    return texts, labels


# ---------------------------------------------------------------------- cases

def inline_cases() -> list[dict]:
    out = []
    for name, texts in INLINE_CASES:
        out.append({"name": name, "texts": texts, **measure(texts)})
    return out


def fixture_cases() -> list[dict]:
    out = []
    for rel in FIXTURES:
        path = ROOT / rel
        texts, labels = read_csv(path) if path.suffix == ".csv" else read_jsonl(path)
        per_label: dict[str, list[str]] = {}
        for text, label in zip(texts, labels):
            if has_label(label):
                per_label.setdefault(label, []).append(text)
        out.append({
            "name": rel,
            **measure(texts),
            "per_label": {label: measure(rows) for label, rows in per_label.items()},
        })
    return out


def shared_cases() -> list[dict]:
    out = []
    for path in sorted(SHARED_DIR.rglob("*.jsonl"), key=lambda p: p.relative_to(SHARED_DIR).as_posix()):
        texts, _ = read_jsonl(path)
        out.append({"path": path.relative_to(SHARED_DIR).as_posix(), **measure(texts)})
    return out


# ----------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skip-shared", action="store_true",
                    help="compute inline + fixture cases only; carry shared cases over from the output file")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()

    previous_shared = []
    if args.output.is_file():
        previous_shared = json.loads(args.output.read_text(encoding="utf-8")).get("shared", [])

    inline = inline_cases()
    fixtures = fixture_cases()
    if args.skip_shared:
        shared = previous_shared
        print(f"(carried over {len(shared)} shared cases from {args.output})")
    elif not SHARED_DIR.is_dir():
        shared = previous_shared
        print(f"note: shared dataset folder {SHARED_DIR} is absent (set ASSAY_SHARED_DATASETS); "
              f"kept {len(shared)} shared cases from {args.output}")
    else:
        shared = shared_cases()

    # Sanity checks of the definitions.
    by_name = {c["name"]: c for c in inline}
    assert by_name["single_empty_text"]["original_bytes"] == 0 and by_name["single_empty_text"]["ratio"] == 0.0
    assert by_name["empty_text_among_others"]["original_bytes"] == len("good food  kind staff")
    assert by_name["same_sentence_50x"]["ratio"] > by_name["distinct_200"]["ratio"] > 1
    assert len(set(by_name["distinct_200"]["texts"])) == 200

    out = {
        "reference": {
            "python": platform.python_version(),
            "zlib_runtime_version": zlib.ZLIB_RUNTIME_VERSION,
            "zlib_version": zlib.ZLIB_VERSION,
            "compressor": "gzip.compress(' '.join(texts).encode('utf-8'), compresslevel=9)",
        },
        "inline": inline,
        "fixtures": fixtures,
        "shared": shared,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)
    args.output.write_text(text + "\n", encoding="utf-8")

    print(f"zlib {zlib.ZLIB_RUNTIME_VERSION} (compiled against {zlib.ZLIB_VERSION}), level {LEVEL}")
    for case in inline:
        print(f"  inline/{case['name']}: {case['original_bytes']} -> {case['compressed_bytes']} bytes, "
              f"ratio {case['ratio']:.4f}")
    for case in fixtures:
        labels = ", ".join(f"{k} {v['ratio']:.3f}" for k, v in sorted(case["per_label"].items()))
        print(f"  {case['name']}: {case['rows']} rows, ratio {case['ratio']:.4f} ({labels})")
    for case in shared:
        print(f"  shared:{case['path']}: {case['rows']} rows, ratio {case['ratio']:.4f}")
    print(f"wrote {args.output} ({len(inline)} inline, {len(fixtures)} fixture, {len(shared)} shared cases)")


if __name__ == "__main__":
    sys.exit(main())
