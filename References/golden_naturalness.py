#!/usr/bin/env python3
"""Independent reference values for Assay's `naturalness` and `perplexity_real_lm`.

Purpose
-------
Computes, for a small real and synthetic dataset, what the audit engine must report for the two
metrics built on the real data's language model (Metrics/perplexity.md, Metrics/naturalness.md):

  fold models        the real rows are shuffled by Fisher-Yates with SplitMix64(seed) (the Python
                     transcription in golden_distances.py) and the row at shuffled position p goes to
                     fold p mod F, F = min(5, real rows).  Model k is the interpolated modified
                     Kneser-Ney 4-gram model of the real rows outside fold k, computed exactly by the
                     independent reference in golden_language_model.py (plain dicts, Fractions).
  perplexity         a real row is scored by the model without its own fold; synthetic row i by the
                     model without fold i mod F.  PPL = exp(-sum ln p / (tokens + 1)).
  perplexity_real_lm exp(sum over rows of (tokens + 1) ln PPL / sum (tokens + 1)), token-weighted.
  typicality         2 min(F_x, 1 - F_x), F_x = (#real PPL < x + 0.5 #real PPL == x) / #real.
  naturalness        typicality * 0.5 ** (number of artefact rules the row trips); the dataset value
                     is the mean over rows.  The artefact flags are given with the example (they are
                     what Metrics/artefacts.md's rules say of these texts), not computed here.

Tokens are Python's str.split() (Assay's `whitespace` tokenizer).  Output:
Fixtures/golden/naturalness.json.  Run: python3 References/golden_naturalness.py
"""
import json
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from golden_distances import SplitMix64  # noqa: E402
from golden_language_model import Reference  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Fixtures" / "golden" / "naturalness.json"
SEED = 20231012
ORDER = 4

REAL = [
    "the coffee was great and the staff were friendly",
    "the coffee was cold and the cake was stale",
    "friendly staff and great cake",
    "the staff were slow but the coffee was great",
    "great coffee and a friendly welcome",
    "the cake was great but the coffee was cold",
]
SYNTHETIC = [
    "the coffee was great and the cake was great",
    "Sure! Here is one for you: the staff were friendly",
    "an utterly transcendent espresso experience awaits",
    "the staff were friendly and the coffee was great",
]
# Artefact rules each synthetic row trips (Metrics/artefacts.md): row 1 opens with a preamble.
SYNTHETIC_FLAGS = [[], ["boilerplate"], [], []]
REAL_FLAGS = [[] for _ in REAL]


def folds(count, k, seed):
    generator = SplitMix64(seed)
    indices = list(range(count))
    for i in range(count - 1, 0, -1):
        j = generator.index_below(i + 1)
        indices[i], indices[j] = indices[j], indices[i]
    fold = [0] * count
    for position, row in enumerate(indices):
        fold[row] = position % k
    return fold


def typicality(x, reference):
    below = sum(1 for r in reference if r < x)
    equal = sum(1 for r in reference if r == x)
    share = (below + 0.5 * equal) / len(reference)
    return 2 * min(share, 1 - share)


def dataset_values(rows, perplexities, flags, reference):
    weights = [len(r) + 1 for r in rows]
    ppl = math.exp(sum(w * math.log(p) for w, p in zip(weights, perplexities)) / sum(weights))
    scores = [typicality(p, reference) * 0.5 ** len(f) for p, f in zip(perplexities, flags)]
    return {"perplexity_real_lm": ppl, "naturalness": sum(scores) / len(scores),
            "perplexities": perplexities, "row_naturalness": scores}


def main():
    real = [t.split() for t in REAL]
    synthetic = [t.split() for t in SYNTHETIC]
    k = min(5, len(real))
    fold = folds(len(real), k, SEED)
    models = [Reference([s for s, f in zip(real, fold) if f != held], ORDER) for held in range(k)]
    real_ppl = [models[fold[i]].row(s)[1] for i, s in enumerate(real)]
    synthetic_ppl = [models[i % k].row(s)[1] for i, s in enumerate(synthetic)]
    result = {
        "seed": SEED, "order": ORDER, "folds": k, "fold_of_real_row": fold,
        "real": {"texts": REAL, "flags": REAL_FLAGS, **dataset_values(real, real_ppl, REAL_FLAGS, real_ppl)},
        "synthetic": {"texts": SYNTHETIC, "flags": SYNTHETIC_FLAGS,
                      **dataset_values(synthetic, synthetic_ppl, SYNTHETIC_FLAGS, real_ppl)},
    }
    OUTPUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    for side in ("real", "synthetic"):
        print(side, result[side]["perplexity_real_lm"], result[side]["naturalness"])


if __name__ == "__main__":
    main()
