#!/usr/bin/env python3
"""Throughput of all-MiniLM-L6-v2: Assay's MiniLMEncoder (Swift, OpenBLAS) vs sentence-transformers (PyTorch CPU).

Both sides embed the same rows (the first --rows `text` fields of each file, tokenization included), with
the same batch size and thread count, best of --repeats after a warm-up; sentences per second are reported.

    bash scripts/fetch-minilm.sh
    swift build -c release --package-path Benchmarks/MiniLMSwift      # the Swift side's executable
    pip install torch==2.15.0 sentence-transformers==6.3.0 transformers==5.24.0
    python3 Benchmarks/minilm_benchmark.py                             # tweets (2,000) and IMDb reviews (300)
    python3 Benchmarks/minilm_benchmark.py --skip-swift | --skip-torch

The Swift side alone:

    Benchmarks/MiniLMSwift/.build/release/minilm-bench --threads 2 --rows 2000 --repeats 3 FILE.jsonl
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.environ.get("ASSAY_SHARED_DATASETS", os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
MODEL = os.path.join(ROOT, ".models", "all-MiniLM-L6-v2")
SWIFT = os.path.join(ROOT, "Benchmarks", "MiniLMSwift", ".build", "release", "minilm-bench")
CORPORA = [("tweets", "tweet_sentiment_gpt35/real.jsonl", 2000), ("imdb", "imdb_s3_gpt35/real.jsonl", 300)]


def texts(path, limit):
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if len(out) >= limit:
                break
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    out.append(text)
    return out


def torch_side(rows, threads, batch_size, repeats):
    import torch
    from sentence_transformers import SentenceTransformer
    torch.set_num_threads(threads)
    model = SentenceTransformer(MODEL, device="cpu")
    model.encode(rows[:64], batch_size=batch_size)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        model.encode(rows, batch_size=batch_size)
        best = min(best, time.perf_counter() - start)
    return best, f"sentence-transformers {__import__('sentence_transformers').__version__}, torch {torch.__version__}"


def swift_side(path, rows, threads, batch_size, repeats):
    result = subprocess.run([SWIFT, "--model", MODEL, "--threads", str(threads), "--rows", str(rows), "--repeats",
                             str(repeats), "--batch-size", str(batch_size), path], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every corpus's row count")
    parser.add_argument("--skip-swift", action="store_true")
    parser.add_argument("--skip-torch", action="store_true")
    args = parser.parse_args()
    if not args.skip_swift and not os.path.exists(SWIFT):
        sys.exit("minilm_benchmark: error: build the Swift side first: "
                 "swift build -c release --package-path Benchmarks/MiniLMSwift")
    print(f"| corpus | rows | tool | seconds | sentences/s |\n|---|---:|---|---:|---:|")
    for name, rel, count in CORPORA:
        path = os.path.join(DATASETS, rel)
        rows = texts(path, int(count * args.scale))
        if not args.skip_swift:
            seconds = swift_side(path, len(rows), args.threads, args.batch_size, args.repeats)
            print(f"| {name} | {len(rows)} | assay MiniLMEncoder ({args.threads} threads) | {seconds:.2f} | "
                  f"{len(rows) / seconds:.1f} |", flush=True)
        if not args.skip_torch:
            seconds, label = torch_side(rows, args.threads, args.batch_size, args.repeats)
            print(f"| {name} | {len(rows)} | {label} ({args.threads} threads) | {seconds:.2f} | "
                  f"{len(rows) / seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
