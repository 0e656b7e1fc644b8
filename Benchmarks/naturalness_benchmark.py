#!/usr/bin/env python3
"""Times the naturalness and real-vs-synthetic stages of `assay audit` on the shared datasets.

For each corpus (a real file and one synthetic file from ../shared/datasets) and each metric group,
runs the release binary with `--verbose --no-cache` and reports the wall clock of the whole process
(best of --repeat) and assay's own per-stage timings (the last line of --verbose):

  naturalness   naturalness, perplexity_real_lm and every artefact rate (the language models of the
                real data in 5 folds, every row through the artefact rules)
  discriminator discriminator_auc (5-fold logistic regression on the embeddings, the real halves too)
  mauve         mauve (PCA, k-means with 5 restarts, the frontier), the real halves too
  prdc          embedding_precision, _recall, _density, _coverage (exact 5-NN balls in GEMM tiles)

Usage: swift build -c release --product assay && python3 Benchmarks/naturalness_benchmark.py
       [--threads 2] [--repeat 3] [--assay .build/release/assay]
The shared data are read where they lie (never copied). Prints a Markdown table.
"""
import argparse
import os
import pathlib
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("ASSAY_SHARED_DATASETS", ROOT.parent / "shared" / "datasets"))
CORPORA = [
    ("sarcasm tweets", "sarcasm_isarcasmeval_gpt35/real.jsonl", "sarcasm_isarcasmeval_gpt35/synthetic_gpt-3.5-turbo_simple.jsonl"),
    ("AG News leads", "agnews_llm_synthetic/real.jsonl", "agnews_llm_synthetic/synthetic_deepseek-r1-distill-qwen-1.5b_targeted+tags.jsonl"),
    ("IMDb reviews", "imdb_s3_gpt35/real.jsonl", "imdb_s3_gpt35/synthetic_gpt-3.5-turbo_s3_round1.jsonl"),
]
ARTEFACTS = ["artefact_rate", "boilerplate_rate", "refusal_rate", "prompt_leakage_rate", "wrapped_in_quotes_rate",
             "truncated_rate", "repeated_ngrams_rate", "too_short_rate", "markup_rate", "opening_template_share"]
GROUPS = [
    ("naturalness", ["naturalness", "perplexity_real_lm"] + ARTEFACTS),
    ("discriminator", ["discriminator_auc"]),
    ("mauve", ["mauve"]),
    ("prdc", ["embedding_precision", "embedding_recall", "embedding_density", "embedding_coverage"]),
]


def rows(path):
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def run(assay, real, synthetic, metrics, threads):
    with tempfile.TemporaryDirectory() as folder:
        command = [assay, "audit", "--real", str(real), str(synthetic), "--metrics", ",".join(metrics),
                   "--no-cache", "--verbose", "--json", os.path.join(folder, "out.json")]
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return time.perf_counter() - start, done.stderr.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assay", default=str(ROOT / ".build" / "release" / "assay"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print(f"| corpus | real rows | synthetic rows | group | wall (best of {options.repeat}) | assay's stages |")
    print("|---|---:|---:|---|---:|---|")
    for name, real, synthetic in CORPORA:
        real_path, synthetic_path = SHARED / real, SHARED / synthetic
        for group, metrics in GROUPS:
            best, stages = min(run(options.assay, real_path, synthetic_path, metrics, options.threads)
                               for _ in range(options.repeat))
            stages = stages.removeprefix("assay: ")
            print(f"| {name} | {rows(real_path)} | {rows(synthetic_path)} | {group} | {best:.2f} s | {stages} |")


if __name__ == "__main__":
    main()
