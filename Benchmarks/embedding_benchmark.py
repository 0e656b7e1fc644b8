#!/usr/bin/env python3
"""Embedding benchmark: Assay's embedding-spread metrics at 10,000 and 100,000 rows.

What it measures
----------------
1. Whole audit with the built-in hashing embedder (d = 512), no cache: the wall clock of
       assay audit --no-cache --metrics remote_clique,chamfer,vendi,near_duplicate_rate CORPUS
   on corpora of texts from the shared datasets (Goal A: 100,000 rows in under 120 s on 2 cores).
2. Each metric once embedded: the dataset's vectors come from a .npy file (float32, d = 384, seeded
   Gaussian rows written by this script), and each run computes one metric:
       assay audit --no-cache --metrics METRIC --vectors d=VECTORS.npy d=CORPUS
   The metric's time is that run's wall clock minus a baseline run that reads the same inputs and
   computes a metric that needs no embeddings (`mean_tokens`). Every embedding run also normalises the
   rows and fits the 2-D projection (O(N·d²)), which is charged to the metric.
   (Goal B: vendi and remote_clique under 1 s at 100,000 rows.)
Wall clock is `time.perf_counter` around `subprocess.run`, best of --repeats (default 3; the 100k
Chamfer and whole-audit runs once). The nearest-neighbour kernel's GFLOP/s against plain sgemm is
measured by the Swift benchmark in Tests/LinearAlgebraTests (see Benchmarks/README.md).

Corpora: the first N rows of the lexical benchmark's round-robin corpus (Benchmarks/.work/
corpus_200000.jsonl, built by lexical_benchmark.py from ../shared/datasets), so rows repeat after
51,807; repeats make near duplicates but do not change the cost.

How to run (from the repository root):
    swift build -c release --product assay
    python3 Benchmarks/lexical_benchmark.py --skip-fast-bleu --sizes 200000   # builds the corpus once
    python3 Benchmarks/embedding_benchmark.py [--sizes 10000,100000] [--repeats 3]
Requires Python 3.11 and numpy. OPENBLAS_NUM_THREADS is left as the caller sets it (default: all cores).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "Benchmarks" / ".work"
DIMENSION = 384
METRICS = ["remote_clique", "vendi", "chamfer", "near_duplicate_rate"]


def corpus(size: int) -> Path:
    source = WORK / "corpus_200000.jsonl"
    if not source.is_file():
        raise SystemExit(f"error: {source} missing: run Benchmarks/lexical_benchmark.py --skip-fast-bleu first")
    path = WORK / f"embedding_corpus_{size}.jsonl"
    if not path.is_file():
        with source.open(encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
            for index, line in enumerate(f):
                if index == size:
                    break
                out.write(line)
    return path


def vectors(size: int) -> Path:
    path = WORK / f"embedding_vectors_{size}_{DIMENSION}.npy"
    if not path.is_file():
        rng = np.random.default_rng(20261122)
        np.save(path, rng.standard_normal((size, DIMENSION), dtype=np.float32))
    return path


def run(assay: Path, arguments: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run([str(assay), "audit", "--quiet", "--no-cache", *arguments],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"error: assay {' '.join(arguments)} failed: {done.stderr.strip()}")
        best = min(best, elapsed)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--assay", type=Path, default=ROOT / ".build" / "release" / "assay")
    args = parser.parse_args()
    if not args.assay.is_file():
        raise SystemExit(f"error: {args.assay} missing: swift build -c release --product assay")
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for size in sizes:
        text = corpus(size)
        big = size >= 50_000
        whole = run(args.assay, ["--metrics", ",".join(METRICS), str(text)], 1 if big else args.repeats)
        rows.append((size, "whole audit, hashing embedder d=512, 4 metrics", whole))
        print(f"{size}: whole audit {whole:.2f} s", flush=True)
        npy = vectors(size)
        given = ["--vectors", f"d={npy}", f"d={text}"]
        baseline = run(args.assay, ["--metrics", "mean_tokens", *given], args.repeats)
        rows.append((size, "baseline: read texts + .npy, mean_tokens", baseline))
        for metric in METRICS:
            repeats = 1 if big and metric in ("chamfer", "near_duplicate_rate") else args.repeats
            seconds = run(args.assay, ["--metrics", metric, *given], repeats) - baseline
            rows.append((size, f"{metric} (d={DIMENSION}, minus baseline)", seconds))
            print(f"{size}: {metric} {seconds:.2f} s", flush=True)

    print("\n| rows | what | seconds |\n|---:|---|---:|")
    for size, what, seconds in rows:
        print(f"| {size:,} | {what} | {seconds:.3f} |")
    results = {"dimension": DIMENSION, "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
               "rows": [{"rows": s, "what": w, "seconds": round(t, 4)} for s, w, t in rows]}
    (WORK / "embedding_results.json").write_text(json.dumps(results, indent=2) + "\n")

    status = 0
    for size, what, seconds in rows:
        if size == 100_000 and what.startswith("whole audit"):
            ok = seconds < 120
            print(f"Goal A  100,000 rows whole audit < 120 s: {'PASS' if ok else 'FAIL'} ({seconds:.1f} s)")
            status |= 0 if ok else 1
        if size == 100_000 and what.split(" ")[0] in ("vendi", "remote_clique"):
            ok = seconds < 1
            print(f"Goal B  100,000 rows {what.split(' ')[0]} < 1 s: {'PASS' if ok else 'FAIL'} ({seconds:.2f} s)")
            status |= 0 if ok else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
