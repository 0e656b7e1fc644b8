#!/usr/bin/env python3
"""How well Assay's estimated instance subjectivity tracks human disagreement.

For each multi-annotator dataset of ../shared/datasets, the estimate (1 - the majority label's share among a
row's 10 nearest labelled real rows, itself excluded) is compared with the raters' disagreement (1 - the
majority label's share among its annotators) by Spearman's rank correlation over the rows with two or more
raters.

How the estimate is obtained: `assay audit --real DATASET TINY --instances OUT` where TINY is a three-row
dataset without raters, so the audit uses the estimate for every dataset (Metrics/subjectivity.md) and
`--instances` gives each real row's estimated subjectivity. The raters' disagreement is computed here from
the file. Nothing is cached (`--no-cache`); the default static embedder is used unless --embedder says
otherwise.

Usage: python3 Benchmarks/subjectivity_correlation.py [--binary .build/release/assay] [--embedder static]
Requires: scipy (spearmanr), the shared datasets, and the embedder's model (bash scripts/fetch-models.sh).
"""
import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys
import tempfile

from scipy.stats import spearmanr

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("ASSAY_SHARED_DATASETS", ROOT.parent / "shared" / "datasets"))
DATASETS = [
    "lewidi_multiannotator/md_agreement.jsonl",
    "lewidi_multiannotator/hs_brexit.jsonl",
    "lewidi_multiannotator/armis.jsonl",
    "lewidi_multiannotator/convabuse.jsonl",
    "lewidi_multiannotator/csc_sarcasm.jsonl",
    "lewidi_multiannotator/multipico_irony_en.jsonl",
    "dynasent_multiannotator/dynasent_r1_dev.jsonl",
    "dynasent_multiannotator/dynasent_r2_dev.jsonl",
    "dynasent_multiannotator/sst_dev_revalidated.jsonl",
    "popquorn_offensiveness/offensiveness.jsonl",
]


def disagreement(votes):
    """1 - the majority label's share of the votes (None with fewer than two)."""
    if not isinstance(votes, list) or len(votes) < 2:
        return None
    counts = collections.Counter(str(v) for v in votes)
    return 1 - max(counts.values()) / len(votes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "assay"))
    parser.add_argument("--embedder", default="static")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tiny = pathlib.Path(folder) / "tiny.jsonl"
        for relative in DATASETS:
            path = SHARED / relative
            if not path.exists():
                print(f"skip {relative}: not found", file=sys.stderr)
                continue
            records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
            tiny.write_text(
                "".join(json.dumps({"text": r["text"], "label": r["label"]}) + "\n" for r in records[:3]),
                encoding="utf-8")
            instances = pathlib.Path(folder) / "instances.jsonl"
            subprocess.run(
                [args.binary, "audit", "--real", f"real={path}", f"tiny={tiny}", "--metrics",
                 "estimated_subjectivity_mean", "--embedder", args.embedder, "--no-cache", "--quiet",
                 "--instances", str(instances)], check=True)
            estimated = {}
            for line in instances.open(encoding="utf-8"):
                finding = json.loads(line)
                if finding["dataset"] == "real" and finding.get("subjectivity") is not None:
                    estimated[finding["row"]] = finding["subjectivity"]
            pairs = [(disagreement(r.get("annotators")), estimated.get(i)) for i, r in enumerate(records)]
            pairs = [(h, e) for h, e in pairs if h is not None and e is not None]
            rho = spearmanr([h for h, _ in pairs], [e for _, e in pairs]).statistic
            labels = collections.Counter(str(r["label"]) for r in records)
            rows.append((relative, len(pairs), len(labels), rho))
    print(f"| dataset | rows | labels | Spearman rho (estimate vs raters' disagreement, {args.embedder}) |")
    print("|---|---:|---:|---:|")
    for relative, count, labels, rho in rows:
        print(f"| `{relative}` | {count:,} | {labels} | {rho:.3f} |")
    rhos = sorted(rho for *_, rho in rows)
    if rhos:
        print(f"\nmedian rho {rhos[len(rhos) // 2]:.3f} over {len(rhos)} datasets (min {rhos[0]:.3f}, max {rhos[-1]:.3f})")


if __name__ == "__main__":
    main()
