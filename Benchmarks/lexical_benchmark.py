#!/usr/bin/env python3
"""Lexical benchmark: Assay's exact self-BLEU-4 and distinct-n against fast-bleu (and NLTK).

What it does, in one run
------------------------
1. Builds benchmark corpora of 20,000 and 200,000 rows (``--sizes``) as JSON Lines
   ``{"text": ...}`` under ``Benchmarks/.work/`` (git-ignored).  Texts come from the
   shared research datasets (``../shared/datasets`` beside the project, or
   ``$ASSAY_SHARED_DATASETS``), read at run time and never committed.  Order is fixed:
   round-robin over SOURCES below (row 0 of each file in list order, then row 1 of
   each, ...; a file that runs out is skipped).  The SOURCES hold 51,807 rows, so
   20,000 rows have no repeats, while 200,000 rows need about four passes: rows are
   REPEATED (pass 2, 3, ... restart the round-robin).  Repeated rows make self-BLEU
   higher (every repeated row has an exact copy, so its BLEU is 1) but do not change
   the cost of computing it.  Only ``text`` is written (no labels, so Assay computes
   no per-label values).
2. Times the whole ``assay`` process, wall clock (``time.perf_counter`` around
   ``subprocess.run``), best of ``--repeats`` (default 3):
       assay audit --tokenizer whitespace --metrics self_bleu_4 --json <tmp> <corpus>
       assay audit --tokenizer whitespace --metrics distinct_1,distinct_2,distinct_3,distinct_4 --json <tmp> <corpus>
3. Times fast-bleu (``fast_bleu.SelfBLEU(token_lists, {"bleu4": (0.25,)*4}).get_score()``)
   on the 20,000-row corpus's ``str.split()`` tokens: the construction and the scoring
   separately, in-process, best of ``--fast-bleu-repeats`` (default 1).  fast-bleu is
   O(N^2) C++ with OpenMP threads (``OMP_NUM_THREADS``, default here ``--threads 2``);
   its default smoothing is ``smoothing_func=1`` = NLTK's method1 (epsilon 0.1), and on
   our fixtures its per-row scores equal NLTK 3.10.4's to within 1e-16.  200,000 rows
   only with ``--fast-bleu-200k`` (expect ~100x the 20k time).
4. Optionally (``--nltk-sample K``) times NLTK ``sentence_bleu`` for K hypotheses of
   the 20,000-row corpus against all other rows, and EXTRAPOLATES linearly to N
   hypotheses (and by (N/20000)^2 to larger N).  These rows are labelled
   "extrapolated" in the table.
5. Prints a Markdown table (rows, tool, seconds, speed-up vs fast-bleu scoring time),
   compares fast-bleu's mean self-BLEU-4 with Assay's JSON value
   (``datasets[0].metrics.self_bleu_4``), and checks the goals:
     G1  200,000 rows, assay self_bleu_4, whole process wall clock < 10 s
     G2  20,000 rows, assay self_bleu_4 at least 50x faster than fast-bleu's scoring
         (get_score only, i.e. fast-bleu is not charged for Python start-up, reading,
         tokenising or construction, while Assay is charged for all of them)
   printing PASS / FAIL / NOT MEASURED per goal.  A JSON copy of the results goes to
   ``Benchmarks/.work/results.json``.

How to run (from the repository root)
-------------------------------------
    swift build -c release                      # builds .build/release/assay
    python3 Benchmarks/lexical_benchmark.py     # everything above (fast-bleu 20k takes minutes)
    python3 Benchmarks/lexical_benchmark.py --skip-assay            # fast-bleu half only
    python3 Benchmarks/lexical_benchmark.py --nltk-sample 10        # add the NLTK extrapolation
    python3 Benchmarks/lexical_benchmark.py --sizes 2000 --skip-fast-bleu   # quick smoke run

Requires Python 3.11, fast-bleu (0.0.90 tested), nltk==3.10.4 only for --nltk-sample.
Exit code: 0 when every measured goal passes, 1 when a goal fails, 2 on errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "Benchmarks" / ".work"
SHARED_DIR = Path(
    os.environ.get("ASSAY_SHARED_DATASETS", str(ROOT.parent / "shared" / "datasets"))
)

# Fixed order; short-to-medium texts (tweets, SMS, sentences, news leads), ~19 tokens/row.
SOURCES = [
    "tweeteval/hate.jsonl",
    "humor/hahackathon.jsonl",
    "sms_spam/sms_spam.jsonl",
    "goemotions/goemotions.jsonl",
    "financial_phrasebank/sentences.jsonl",
    "agnews_llm_synthetic/real.jsonl",
    "semeval2010_task8_relations/relations.jsonl",
    "tweet_sentiment_gpt35/real.jsonl",
    "irony_semeval2018_llm_synthetic/real.jsonl",
]
GOAL_200K_SECONDS = 10.0
GOAL_SPEEDUP_20K = 50.0


def die(msg: str) -> None:
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


# ------------------------------------------------------------------------ corpora

def load_sources():
    texts_per_file = []
    for rel in SOURCES:
        path = SHARED_DIR / rel
        if not path.is_file():
            die(f"benchmark source missing: {path} (set ASSAY_SHARED_DATASETS)")
        with path.open(encoding="utf-8") as f:
            texts_per_file.append([json.loads(line)["text"] for line in f if line.strip()])
    return texts_per_file


def round_robin(texts_per_file, size):
    """Row i of every file in SOURCES order, then i+1, ...; passes repeat when exhausted."""
    out, passes = [], 0
    longest = max(len(t) for t in texts_per_file)
    while len(out) < size:
        passes += 1
        for i in range(longest):
            for texts in texts_per_file:
                if i < len(texts):
                    out.append(texts[i])
                    if len(out) == size:
                        return out, passes
    return out, passes


def build_corpus(texts_per_file, size):
    texts, passes = round_robin(texts_per_file, size)
    path = WORK / f"corpus_{size}.jsonl"
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts).encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    unique = sum(len(t) for t in texts_per_file)
    info = {
        "rows": size,
        "path": str(path.relative_to(ROOT)),
        "sha256": hashlib.sha256(data).hexdigest(),
        "passes": passes,
        "repeated_rows": max(0, size - unique),
        "mean_tokens": sum(len(t.split()) for t in texts) / size,
    }
    print(f"corpus {size:>7,} rows: {info['path']} passes={passes} repeated={info['repeated_rows']:,} "
          f"mean_tokens={info['mean_tokens']:.1f} sha256={info['sha256'][:12]}", flush=True)
    return texts, path, info


# -------------------------------------------------------------------------- assay

def find_assay(args):
    binary = Path(args.assay) if args.assay else ROOT / ".build" / "release" / "assay"
    if not binary.is_file() or not os.access(binary, os.X_OK):
        die(f"assay binary not found at {binary}; build it with `swift build -c release` "
            f"(or pass --assay PATH, or --skip-assay to run only the fast-bleu/NLTK half)")
    return binary


def time_assay(binary, corpus, metrics, repeats):
    out_json = WORK / f"assay_{corpus.stem}_{metrics.split(',')[0]}.json"
    cmd = [str(binary), "audit", "--tokenizer", "whitespace", "--metrics", metrics,
           "--json", str(out_json), str(corpus)]
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
        if proc.returncode != 0:
            die(f"assay exited with {proc.returncode}: {' '.join(cmd)}\n{proc.stderr.strip()}")
        best = min(best, elapsed)
    try:
        result = json.loads(out_json.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        die(f"cannot read assay JSON {out_json}: {exc}")
    return best, result


def assay_value(result, metric):
    try:
        return result["datasets"][0]["metrics"][metric]
    except (KeyError, IndexError, TypeError):
        return None


# ---------------------------------------------------------------------- fast-bleu

def time_fast_bleu(token_lists, repeats):
    from fast_bleu import SelfBLEU

    best_build, best_score, scores = math.inf, math.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        sb = SelfBLEU(token_lists, {"bleu4": (0.25, 0.25, 0.25, 0.25)})
        t1 = time.perf_counter()
        scores = sb.get_score()["bleu4"]
        t2 = time.perf_counter()
        del sb
        best_build, best_score = min(best_build, t1 - t0), min(best_score, t2 - t1)
    return best_build, best_score, math.fsum(scores) / len(scores)


# --------------------------------------------------------------------------- NLTK

def time_nltk_sample(token_lists, sample):
    from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

    smoothing = SmoothingFunction().method1
    step = max(1, len(token_lists) // sample)
    picks = list(range(0, len(token_lists), step))[:sample]
    t0 = time.perf_counter()
    for i in picks:
        refs = token_lists[:i] + token_lists[i + 1:]
        sentence_bleu(refs, token_lists[i], weights=(0.25,) * 4, smoothing_function=smoothing)
    per_row = (time.perf_counter() - t0) / len(picks)
    return per_row, len(picks)


# --------------------------------------------------------------------------- main

def fmt_s(x):
    return "—" if x is None else (f"{x:,.3f}" if x < 100 else f"{x:,.0f}")


def main():
    ap = argparse.ArgumentParser(description="Assay lexical benchmark (see the module docstring).")
    ap.add_argument("--sizes", default="20000,200000", help="corpus sizes, comma-separated")
    ap.add_argument("--repeats", type=int, default=3, help="assay runs per measurement (best of)")
    ap.add_argument("--assay", help="path to the assay binary (default <repo>/.build/release/assay)")
    ap.add_argument("--skip-assay", action="store_true", help="do not run assay (fast-bleu/NLTK only)")
    ap.add_argument("--skip-fast-bleu", action="store_true")
    ap.add_argument("--fast-bleu-repeats", type=int, default=1)
    ap.add_argument("--fast-bleu-200k", action="store_true",
                    help="also run fast-bleu on sizes above 20,000 (very slow)")
    ap.add_argument("--nltk-sample", type=int, default=0,
                    help="time NLTK on K hypotheses of the 20k corpus and extrapolate (0 = off)")
    ap.add_argument("--threads", type=int, default=2, help="OMP_NUM_THREADS for fast-bleu (default 2)")
    args = ap.parse_args()

    os.environ["OMP_NUM_THREADS"] = str(args.threads)  # before fast_bleu loads libgomp
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    WORK.mkdir(parents=True, exist_ok=True)
    binary = None if args.skip_assay else find_assay(args)

    sources = load_sources()
    print(f"sources: {len(SOURCES)} files, {sum(len(t) for t in sources):,} rows, from {SHARED_DIR}")
    rows_out, notes, corpora = [], [], {}
    fb_ref = {}  # size -> fast-bleu scoring seconds (speed-up baseline)
    nltk_per_row = None

    for size in sizes:
        texts, path, info = build_corpus(sources, size)
        corpora[size] = info
        token_lists = [t.split() for t in texts]
        small = size <= 20000

        if not args.skip_fast_bleu and (small or args.fast_bleu_200k):
            print(f"fast-bleu on {size:,} rows (OMP_NUM_THREADS={args.threads}) ...", flush=True)
            build_s, score_s, fb_mean = time_fast_bleu(token_lists, args.fast_bleu_repeats)
            fb_ref[size] = score_s
            rows_out.append((size, "fast-bleu 0.0.90 SelfBLEU construction (in-process)", build_s, None))
            rows_out.append((size, "fast-bleu 0.0.90 SelfBLEU get_score (in-process)", score_s, None))
            notes.append((size, "fast-bleu mean self-BLEU-4", fb_mean))
            print(f"  construction {build_s:.3f}s, get_score {score_s:.3f}s, mean {fb_mean!r}", flush=True)

        if args.nltk_sample and size == sizes[0]:
            per_row, k = time_nltk_sample(token_lists, args.nltk_sample)
            nltk_per_row = (size, per_row, k)
        if nltk_per_row:
            base, per_row, k = nltk_per_row
            est = per_row * base * (size / base) ** 2
            rows_out.append((size, f"NLTK 3.10.4 sentence_bleu (EXTRAPOLATED from {k} rows at {base:,}, O(N^2))",
                             est, None))

        if binary is not None:
            for metrics, label in (("self_bleu_4", "assay self_bleu_4 (process wall)"),
                                   ("distinct_1,distinct_2,distinct_3,distinct_4",
                                    "assay distinct_1..4 (process wall)")):
                print(f"assay --metrics {metrics} on {size:,} rows (best of {args.repeats}) ...", flush=True)
                secs, result = time_assay(binary, path, metrics, args.repeats)
                rows_out.append((size, label, secs, metrics))
                if metrics == "self_bleu_4":
                    notes.append((size, "assay self_bleu_4", assay_value(result, "self_bleu_4")))
                print(f"  {secs:.3f}s", flush=True)

    # ---- table
    print()
    print("| rows | tool | seconds | speed-up vs fast-bleu get_score |")
    print("|---:|---|---:|---:|")
    for size, tool, secs, _ in rows_out:
        base = fb_ref.get(size)
        if not base or not secs or tool.startswith("fast-bleu"):
            speed = "1.0× (baseline)" if "get_score" in tool else "—"
        else:
            ratio = base / secs
            speed = f"{ratio:,.1f}×" if ratio >= 1 else f"{ratio:.2g}×"
        print(f"| {size:,} | {tool} | {fmt_s(secs)} | {speed} |")
    print()

    # ---- value comparison
    by_size = {}
    for size, what, value in notes:
        by_size.setdefault(size, {})[what] = value
    for size, vals in sorted(by_size.items()):
        fb, asy = vals.get("fast-bleu mean self-BLEU-4"), vals.get("assay self_bleu_4")
        line = f"self-BLEU-4 mean at {size:,} rows: fast-bleu {fb!r}, assay {asy!r}"
        if isinstance(fb, float) and isinstance(asy, (int, float)):
            line += f", |diff| {abs(fb - asy):.3g}"
        print(line)
    print("(fast-bleu uses smoothing_func=1, NLTK's method1 with epsilon 0.1, the same definition as Assay)")
    print()

    # ---- goals
    def assay_secs(size):
        return next((s for z, t, s, m in rows_out if z == size and m == "self_bleu_4"), None)

    failed = False
    g1 = assay_secs(200000)
    if g1 is None:
        print(f"G1 200,000 rows self-BLEU-4 < {GOAL_200K_SECONDS:g} s wall: NOT MEASURED")
    else:
        ok = g1 < GOAL_200K_SECONDS
        failed |= not ok
        print(f"G1 200,000 rows self-BLEU-4 < {GOAL_200K_SECONDS:g} s wall: {'PASS' if ok else 'FAIL'} ({g1:.3f} s)")
    a20, f20 = assay_secs(20000), fb_ref.get(20000)
    if a20 is None or f20 is None:
        print(f"G2 20,000 rows assay >= {GOAL_SPEEDUP_20K:g}x faster than fast-bleu: NOT MEASURED")
    else:
        ratio = f20 / a20
        ok = ratio >= GOAL_SPEEDUP_20K
        failed |= not ok
        print(f"G2 20,000 rows assay >= {GOAL_SPEEDUP_20K:g}x faster than fast-bleu: "
              f"{'PASS' if ok else 'FAIL'} ({ratio:,.1f}x: {f20:.3f} s vs {a20:.3f} s)")

    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "omp_threads": args.threads},
        "corpora": corpora,
        "timings": [{"rows": z, "tool": t, "seconds": s} for z, t, s, _ in rows_out],
        "values": {str(k): v for k, v in by_size.items()},
    }
    (WORK / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
