#!/usr/bin/env python3
"""Independent reference values for Assay's lexical diversity metrics.

Purpose
-------
Computes the golden values that Assay's Swift implementation of the lexical
metrics (distinct-n, exact self-BLEU, exact-duplicate rate, token-length
statistics) is tested against.  Nothing here uses Assay's code: self-BLEU comes
from NLTK's ``sentence_bleu`` called the plain O(N^2) way, everything else from a
few lines of plain Python.  The output is ``Fixtures/golden/lexical_nltk.json``.

Definitions (tokenizer for every value: Python ``text.split()``, i.e. Assay's
``--tokenizer whitespace``)
  distinct_n (n=1..4)   distinct n-grams / total n-grams over the whole set;
                        n-grams never cross a row boundary; rows shorter than n
                        contribute none; null when the total is 0.
  self_bleu_n (n=2,3,4) mean over rows of
                        nltk.translate.bleu_score.sentence_bleu(
                            references=<all OTHER rows of the same set>,
                            hypothesis=<row>, weights=(1/n,)*n,
                            smoothing_function=SmoothingFunction().method1)
                        (epsilon 0.1).  Empty rows score 0 and count in the
                        mean; mean = math.fsum(scores)/len(scores); null when
                        the set has fewer than 2 rows.
  exact_duplicate_rate  share of rows whose normalised text equals that of an
                        EARLIER row; normalised =
                        " ".join(unicodedata.normalize("NFKC", t).lower().split())
  rows, mean_tokens, median_tokens (statistics.median, written as a float)
  per_label             the same metrics on each label's subset (rows without a
                        label - key missing, null or "" - are left out);
                        self-BLEU references are the other rows of that label.
  per_row               per-row sentence BLEU-2/3/4 over the whole set (fixture
                        and inline cases only).

Cases: every fixture file in Fixtures/ (CSV read with the ``csv`` module),
inline edge cases, and the seven iSarcasmEval files from the shared,
research-only dataset folder (``../shared/datasets`` beside the project, or
``$ASSAY_SHARED_DATASETS``), which are read at run time and never copied into
the repository; for those only aggregate and per-label metrics are written.

How to run (from the repository root)
-------------------------------------
    pip install nltk==3.10.4            # the pinned reference (Python 3.11)
    python3 References/golden_lexical.py                 # everything (~minutes, 2 processes)
    python3 References/golden_lexical.py --skip-shared   # fixtures + inline only (seconds)
    python3 References/golden_lexical.py --only-shared   # the shared datasets only

With ``--skip-shared`` (``--only-shared``) the shared (fast) cases already in
the output file are carried over unchanged, so the file always holds every case
in the same order: fixtures, inline, shared.  ``--workers`` (default 2) sets the
process count for the shared datasets.  The output is deterministic: same
inputs, same bytes (sorted keys, floats as Python repr).

Dependency pins: Python 3.11, nltk==3.10.4 (no other third-party package).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing
import os
import platform
import statistics
import sys
import time
import unicodedata
from pathlib import Path

import nltk
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

NLTK_PIN = "3.10.4"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Fixtures" / "golden" / "lexical_nltk.json"
SHARED_DIR = Path(
    os.environ.get("ASSAY_SHARED_DATASETS", str(ROOT.parent / "shared" / "datasets"))
)

FIXTURES = [
    "Fixtures/real.jsonl",
    "Fixtures/gen_diverse.jsonl",
    "Fixtures/gen_templated.jsonl",
    "Fixtures/gen_short.csv",
]
SHARED_FOLDER = "sarcasm_isarcasmeval_gpt35"
SHARED_FILES = [
    "real.jsonl",
    "synthetic_gpt-3.5-turbo_filtered.jsonl",
    "synthetic_gpt-3.5-turbo_grounded.jsonl",
    "synthetic_gpt-3.5-turbo_grounded_norewrite.jsonl",
    "synthetic_gpt-3.5-turbo_simple.jsonl",
    "synthetic_gpt-3.5-turbo_taxonomy.jsonl",
    "synthetic_gpt-3.5-turbo_taxonomy_mandatory.jsonl",
]

BLEU_ORDERS = (2, 3, 4)
WEIGHTS = [tuple([1.0 / n] * n) for n in BLEU_ORDERS]
SMOOTHING = SmoothingFunction().method1  # epsilon = 0.1

# Inline edge cases: (name, texts, labels).  Labels None = row without label.
INLINE_CASES = [
    ("inline/single_row", ["just one lonely row here"], ["positive"]),
    ("inline/two_rows", ["the cat sat on the mat", "the dog sat on the log"], ["a", "b"]),
    ("inline/two_identical_rows", ["the same words again", "the same words again"], ["a", "a"]),
    ("inline/all_identical_5x", ["we loved it so much"] * 5, ["positive"] * 5),
    ("inline/rows_shorter_than_n", ["a", "a b", "c"], ["x", "x", "y"]),
    (
        "inline/empty_text_among_others",
        ["good food and kind staff", "", "food was good", "the staff was kind and quick"],
        ["positive", "neutral", "positive", "positive"],
    ),
    ("inline/only_empty_texts", ["", "", "   "], ["neutral", "neutral", "neutral"]),
    (
        "inline/non_ascii",
        [
            "caf\u00e9 au lait was great",
            "cafe\u0301 au lait was great",
            "na\u00efve \u65e5\u672c \u6771\u4eac trip \U0001F600",
            "\u65e5\u672c \u6771\u4eac \u5927\u962a \U0001F600 \U0001F600",
            "CAF\u00c9 au lait was great",
            "\uff43\uff41\uff46\uff45 au lait was great",
        ],
        ["positive", "positive", "neutral", "neutral", "positive", "positive"],
    ),
    (
        # hypothesis "x y z" (3 tokens) has other rows of lengths 2 and 4: the
        # closest reference length ties (|2-3| = |4-3|) and NLTK takes 2, so BP = 1.
        "inline/closest_length_tie",
        ["x y z", "x y", "x y z w"],
        ["t", "t", "t"],
    ),
    (
        "inline/attached_punctuation",
        [
            "Great service, friendly staff!",
            "great service friendly staff",
            "Great service, friendly staff.",
            "(great) service... friendly-staff?!",
        ],
        ["positive", "positive", "positive", "positive"],
    ),
    (
        "inline/unlabelled_rows_excluded",
        ["nice and quiet room", "noisy room at night", "nice room", "quiet and nice"],
        ["positive", None, "positive", ""],
    ),
]


# --------------------------------------------------------------------------- data

def read_jsonl(path: Path):
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


def read_csv(path: Path):
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            texts.append(row["text"])
            labels.append(row.get("label"))
    return texts, labels


def has_label(label) -> bool:
    return label is not None and label != ""


# ------------------------------------------------------------------------ metrics

def ngrams_of(tokens, n):
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def distinct_n(token_lists, n):
    seen, total = set(), 0
    for toks in token_lists:
        grams = ngrams_of(toks, n)
        total += len(grams)
        seen.update(grams)
    return None if total == 0 else len(seen) / total


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def exact_duplicate_rate(texts):
    seen, dups = set(), 0
    for t in texts:
        key = normalise(t)
        if key in seen:
            dups += 1
        else:
            seen.add(key)
    return dups / len(texts)


def row_bleus(token_lists, i):
    """BLEU-2/3/4 of row i against all other rows, in one NLTK call."""
    refs = token_lists[:i] + token_lists[i + 1 :]
    scores = sentence_bleu(refs, token_lists[i], weights=WEIGHTS, smoothing_function=SMOOTHING)
    # NLTK returns the int 0 (here [0, 0, 0]) when no unigram matches.
    return [float(s) for s in scores]


_WORKER_SETS = {}  # filled before the pool forks; read by the workers


def _worker(args):
    key, i = args
    return row_bleus(_WORKER_SETS[key], i)


def all_row_bleus(token_lists, pool=None, key=None):
    if len(token_lists) < 2:
        return None
    if pool is None:
        return [row_bleus(token_lists, i) for i in range(len(token_lists))]
    chunk = max(1, len(token_lists) // 64)
    return pool.map(_worker, [(key, i) for i in range(len(token_lists))], chunksize=chunk)


def summary_metrics(texts, token_lists, bleus):
    counts = [len(t) for t in token_lists]
    m = {f"distinct_{n}": distinct_n(token_lists, n) for n in (1, 2, 3, 4)}
    for j, n in enumerate(BLEU_ORDERS):
        m[f"self_bleu_{n}"] = None if bleus is None else math.fsum(b[j] for b in bleus) / len(bleus)
    m["exact_duplicate_rate"] = exact_duplicate_rate(texts)
    m["rows"] = len(texts)
    m["mean_tokens"] = math.fsum(counts) / len(counts)
    m["median_tokens"] = float(statistics.median(counts))
    return m


def label_subsets(texts, labels):
    subsets = {}
    for t, lab in zip(texts, labels):
        if has_label(lab):
            subsets.setdefault(str(lab), []).append(t)
    return dict(sorted(subsets.items()))


def compute_case(name, source, texts, labels, *, per_row, inline):
    t0 = time.perf_counter()
    toks = [t.split() for t in texts]
    bleus = all_row_bleus(toks)
    subsets = label_subsets(texts, labels)
    case = {"name": name, "source": source}
    if inline:
        case["texts"] = texts
        case["labels"] = labels
    case["metrics"] = summary_metrics(texts, toks, bleus)
    case["per_label"] = {}
    for lab, sub in subsets.items():
        stoks = [t.split() for t in sub]
        case["per_label"][lab] = summary_metrics(sub, stoks, all_row_bleus(stoks))
    if per_row:
        case["per_row"] = {
            f"bleu_{n}": (None if bleus is None else [b[j] for b in bleus])
            for j, n in enumerate(BLEU_ORDERS)
        }
    print_summary(case, time.perf_counter() - t0)
    return case


def compute_shared_case(name, source, texts, labels, workers):
    t0 = time.perf_counter()
    subsets = label_subsets(texts, labels)
    sets = {"__all__": texts, **subsets}
    _WORKER_SETS.clear()
    for key, sub in sets.items():
        _WORKER_SETS[key] = [t.split() for t in sub]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        bleus = {key: all_row_bleus(_WORKER_SETS[key], pool, key) for key in sets}
    case = {"name": name, "source": source}
    case["metrics"] = summary_metrics(texts, _WORKER_SETS["__all__"], bleus["__all__"])
    case["per_label"] = {
        lab: summary_metrics(sub, _WORKER_SETS[lab], bleus[lab]) for lab, sub in subsets.items()
    }
    _WORKER_SETS.clear()
    print_summary(case, time.perf_counter() - t0)
    return case


def fmt(v):
    return "null" if v is None else (f"{v:.6f}" if isinstance(v, float) else str(v))


def print_summary(case, seconds):
    m = case["metrics"]
    print(
        f"{case['name']}: rows={m['rows']} d1={fmt(m['distinct_1'])} d4={fmt(m['distinct_4'])} "
        f"sb2={fmt(m['self_bleu_2'])} sb4={fmt(m['self_bleu_4'])} "
        f"dup={fmt(m['exact_duplicate_rate'])} labels={len(case['per_label'])} ({seconds:.1f}s)",
        flush=True,
    )


def check_weight_lists(token_lists, rows=4):
    """One call with a list of weight tuples must equal separate calls."""
    if len(token_lists) < 2:
        return  # NLTK raises KeyError with an empty reference list
    for i in range(min(rows, len(token_lists))):
        refs = token_lists[:i] + token_lists[i + 1 :]
        together = row_bleus(token_lists, i)
        apart = [
            float(sentence_bleu(refs, token_lists[i], weights=w, smoothing_function=SMOOTHING))
            for w in WEIGHTS
        ]
        if together != apart:
            raise SystemExit(f"weight-list call differs from separate calls: {together} != {apart}")


# --------------------------------------------------------------------------- main

def fast_cases():
    cases = []
    for rel in FIXTURES:
        path = ROOT / rel
        texts, labels = read_csv(path) if path.suffix == ".csv" else read_jsonl(path)
        check_weight_lists([t.split() for t in texts])
        cases.append(compute_case(rel, rel, texts, labels, per_row=True, inline=False))
    for name, texts, labels in INLINE_CASES:
        check_weight_lists([t.split() for t in texts])
        cases.append(compute_case(name, "inline", texts, labels, per_row=True, inline=True))
    return cases


def shared_cases(workers):
    cases = []
    for fname in SHARED_FILES:
        path = SHARED_DIR / SHARED_FOLDER / fname
        if not path.is_file():
            raise SystemExit(f"error: shared dataset missing: {path} (set ASSAY_SHARED_DATASETS)")
        texts, labels = read_jsonl(path)
        source = f"shared:{SHARED_FOLDER}/{fname}"
        cases.append(compute_shared_case(source, source, texts, labels, workers))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--skip-shared", action="store_true",
                       help="compute fixtures + inline cases only; carry shared cases over from the output file")
    group.add_argument("--only-shared", action="store_true",
                       help="compute the shared datasets only; carry the other cases over from the output file")
    ap.add_argument("--workers", type=int, default=2, help="processes for the shared datasets (default 2)")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()

    if nltk.__version__ != NLTK_PIN:
        print(f"warning: nltk {nltk.__version__} installed, golden values are pinned to {NLTK_PIN}",
              file=sys.stderr)

    previous = []
    if (args.skip_shared or args.only_shared) and args.output.is_file():
        previous = json.loads(args.output.read_text(encoding="utf-8")).get("cases", [])
    prev_fast = [c for c in previous if not c["source"].startswith("shared:")]
    prev_shared = [c for c in previous if c["source"].startswith("shared:")]

    t0 = time.perf_counter()
    fast = prev_fast if args.only_shared else fast_cases()
    shared = prev_shared if args.skip_shared else shared_cases(args.workers)
    if args.skip_shared and prev_shared:
        print(f"(carried over {len(prev_shared)} shared cases from {args.output})")
    if args.only_shared and prev_fast:
        print(f"(carried over {len(prev_fast)} fixture/inline cases from {args.output})")

    out = {
        "reference": {
            "nltk": nltk.__version__,
            "python": platform.python_version(),
            "tokenizer": "python str.split()",
        },
        "cases": fast + shared,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(out['cases'])} cases) in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
