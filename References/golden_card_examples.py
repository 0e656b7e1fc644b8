#!/usr/bin/env python3
"""Independent reference values for the worked examples of three metric cards.

Purpose
-------
``Metrics/discriminator.md`` (``discriminator_auc``), ``Metrics/mauve.md``
(``mauve``) and ``Metrics/precision-recall.md`` (``embedding_precision``,
``embedding_recall``, ``embedding_density``, ``embedding_coverage``) share one
worked example: 14 synthetic and 16 real rows with hand-written 3-D vectors.
``MetricCardTests.workedExample`` runs it through Assay's audit engine; this
script computes what the engine must give, with reference libraries only
(nothing here uses Assay's code).  Output: ``Fixtures/golden/card_examples.json``
(the vectors, the expected values, the margins below, and each card's
``json assay-example`` block ready to paste).

The example
-----------
Two groups of directions, written by hand with two decimals: group A around
(1, 0.1, 0.2), group B around (0.1, 1, 0.3).  Real: 8 rows in A, 8 in B.
Synthetic: 10 rows in A but lifted towards +z (around (1, 0.1, 0.7)) and
tighter, 4 in B.  So the synthetic set over-uses A, sits off the real A rows,
and under-uses B: a discriminator can partly tell the sides apart, MAUVE's two
clusters have different weights, and the k-NN balls overlap only in part.

What the engine does first, reproduced here
-------------------------------------------
Each vector is read as float32, its norm computed in float64 from the float32
values, each coordinate multiplied in float64 by 1 / norm and rounded to
float32 (``EmbeddingRows``).  Every reference below gets these unit rows
(as float64 where the library would otherwise compute in float32).

References
----------
discriminator_auc  The folds of ``TwoSampleDiscriminator.stratifiedFolds``
                   ported exactly: one SplitMix64 (Steele, Lea & Flood 2014;
                   index_below(b) = (next() * b) >> 64) seeded with the audit's
                   default seed 20231012 shuffles the real indices by
                   Fisher-Yates (for i = n-1 down to 1, j = index_below(i+1),
                   swap), then, continuing, the synthetic indices; the row at
                   shuffled position p goes to fold p mod 5.  Per fold,
                   scikit-learn ``LogisticRegression(solver="lbfgs", C=1.0,
                   tol=1e-10, max_iter=10000)`` (default L2 penalty, the
                   optimum to full precision) on the other folds' rows (real
                   label 0, synthetic label 1), ``predict_proba(...)[:, 1]`` on
                   the fold's rows; ``roc_auc_score`` of the pooled out-of-fold
                   scores, synthetic = positive.  ``score_margin`` is the
                   smallest |synthetic score - real score| over all pairs: Assay's
                   fits (gradient tolerance 1e-6) match scikit-learn's
                   probabilities to about 1e-5, so with a margin far above that
                   no pair can change order and the AUC must be equal exactly.
mauve              mauve-text 0.4.0, ``mauve.compute_mauve(p_features=synthetic,
                   q_features=real, num_buckets='auto')`` (K = max(2,
                   round(min(14, 16) / 10)) = 2 clusters, PCA to 0.9 explained
                   variance, faiss k-means), with seeds 1, 25 and 20231012.  The
                   script asserts that every seed gives the same value and that
                   the clusters are exactly groups A and B (so any correct
                   k-means, Assay's k-means++ with its own seed included, finds
                   the same histograms), and cross-checks the value against
                   mauve-text's frontier on the true histograms.
embedding_*        prdc 0.2, ``prdc.compute_prdc(real_features=real,
                   fake_features=synthetic, nearest_k=5)``.  ``tie_margin`` is
                   the smallest |distance - radius| over every comparison prdc
                   makes (float64); far above float32 rounding, so the strict
                   comparisons come out the same in any correct arithmetic.

How to run (from the repository root)
-------------------------------------
    pip install scikit-learn==1.9.1 mauve-text==0.4.0 prdc==0.2 faiss-cpu==1.15.1 numpy
    python3 References/golden_card_examples.py

Deterministic: same library versions, same bytes (floats as Python repr).
Versions used for the committed file: Python 3.11.7, numpy 2.4.6,
scikit-learn 1.9.1, mauve-text 0.4.0, faiss-cpu 1.15.1, prdc 0.2.
"""

from __future__ import annotations

import contextlib
import io
import json
import pathlib
import platform

import faiss
import mauve
import numpy as np
import prdc
import sklearn
from mauve.compute_mauve import get_divergence_curve_for_multinomials
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import auc as area_under_curve
from sklearn.metrics import roc_auc_score

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Fixtures" / "golden" / "card_examples.json"

SEED = 20231012  # the audit's default --seed
FOLDS = 5  # TwoSampleDiscriminator's default
NEIGHBOURS = 5  # RealVersusSynthetic.neighbours
MASK64 = (1 << 64) - 1

# Group A lifted towards +z (rows 0-9), group B (rows 10-13).
SYNTHETIC = [
    [1.0, 0.21, 0.8],
    [0.96, 0.08, 0.66],
    [1.05, 0.1, 0.76],
    [0.85, 0.23, 0.69],
    [1.05, 0.09, 0.67],
    [1.04, 0.17, 0.68],
    [0.99, 0.15, 0.63],
    [0.88, 0.13, 0.65],
    [0.85, 0.03, 0.66],
    [0.9, -0.02, 0.7],
    [0.17, 0.98, 0.24],
    [0.13, 1.06, 0.28],
    [0.14, 1.08, 0.28],
    [0.03, 1.03, 0.32],
]
SYNTHETIC_GROUP = [0] * 10 + [1] * 4
# Group A (rows 0-7), group B (rows 8-15).
REAL = [
    [1.13, -0.05, 0.12],
    [0.9, -0.11, 0.22],
    [1.06, 0.01, 0.37],
    [1.1, 0.18, 0.25],
    [1.11, -0.06, 0.27],
    [1.07, -0.11, 0.24],
    [0.97, 0.19, 0.15],
    [1.0, 0.14, 0.09],
    [0.17, 0.99, 0.36],
    [0.04, 1.13, 0.37],
    [0.08, 1.08, 0.45],
    [0.31, 0.81, 0.41],
    [0.16, 0.99, 0.18],
    [0.25, 0.85, 0.37],
    [0.26, 0.81, 0.26],
    [-0.06, 1.03, 0.48],
]
REAL_GROUP = [0] * 8 + [1] * 8
SYNTHETIC_TEXTS = [f"s{i + 1:02d}" for i in range(len(SYNTHETIC))]
REAL_TEXTS = [f"r{i + 1:02d}" for i in range(len(REAL))]


def unit_rows(raw) -> np.ndarray:
    """EmbeddingRows: float32 input, float64 norm, float64 product with 1/norm, rounded to float32."""
    x = np.asarray(raw, dtype=np.float32).astype(np.float64)
    scale = 1.0 / np.sqrt((x * x).sum(axis=1, keepdims=True))
    return (x * scale).astype(np.float32)


class SplitMix64:
    def __init__(self, seed: int):
        self.state = seed & MASK64

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def index_below(self, bound: int) -> int:
        return (self.next() * bound) >> 64


def stratified_folds(real_count: int, synthetic_count: int, folds: int, seed: int):
    """TwoSampleDiscriminator.stratifiedFolds: one generator, real indices first, then synthetic."""
    generator = SplitMix64(seed)

    def assign(count: int) -> list[int]:
        indices = list(range(count))
        for i in range(count - 1, 0, -1):
            j = generator.index_below(i + 1)
            indices[i], indices[j] = indices[j], indices[i]
        fold = [0] * count
        for position, row in enumerate(indices):
            fold[row] = position % folds
        return fold

    real = assign(real_count)
    return real, assign(synthetic_count)


def discriminator(real: np.ndarray, synthetic: np.ndarray) -> dict:
    real_folds, synthetic_folds = stratified_folds(len(real), len(synthetic), FOLDS, SEED)
    rf, sf = np.array(real_folds), np.array(synthetic_folds)
    for f in range(FOLDS):
        assert (rf == f).sum() >= 2 and (sf == f).sum() >= 2, "a fold needs 2 rows per side"
    real_scores = np.zeros(len(real))
    synthetic_scores = np.zeros(len(synthetic))
    for f in range(FOLDS):
        x = np.vstack([real[rf != f], synthetic[sf != f]]).astype(np.float64)
        y = np.r_[np.zeros((rf != f).sum()), np.ones((sf != f).sum())]
        model = LogisticRegression(solver="lbfgs", C=1.0, tol=1e-10, max_iter=10000).fit(x, y)
        real_scores[rf == f] = model.predict_proba(real[rf == f].astype(np.float64))[:, 1]
        synthetic_scores[sf == f] = model.predict_proba(synthetic[sf == f].astype(np.float64))[:, 1]
    truth = np.r_[np.zeros(len(real)), np.ones(len(synthetic))]
    auc = float(roc_auc_score(truth, np.r_[real_scores, synthetic_scores]))
    # The same AUC by counting pairs (a tie would count one half; there are none).
    pairs = synthetic_scores[:, None] - real_scores[None, :]
    assert abs(auc - ((pairs > 0).sum() + 0.5 * (pairs == 0).sum()) / pairs.size) < 1e-12
    margin = float(np.abs(pairs).min())
    assert margin > 1e-3, margin
    return {
        "discriminator_auc": auc, "score_margin": margin,
        "real_folds": real_folds, "synthetic_folds": synthetic_folds,
        "real_scores": [float(v) for v in real_scores],
        "synthetic_scores": [float(v) for v in synthetic_scores],
    }


def mauve_reference(real: np.ndarray, synthetic: np.ndarray) -> dict:
    clusters = max(2, int(round(min(len(synthetic), len(real)) / 10)))
    values = []
    for seed in (1, 25, SEED):
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            out = mauve.compute_mauve(
                p_features=synthetic, q_features=real, num_buckets="auto", seed=seed, verbose=False)
        assert int(out.num_buckets) == clusters
        true_p = np.bincount(SYNTHETIC_GROUP, minlength=2) / len(SYNTHETIC_GROUP)
        true_q = np.bincount(REAL_GROUP, minlength=2) / len(REAL_GROUP)
        # cluster numbering is arbitrary: the histograms must be the groups' up to a permutation
        assert np.allclose(sorted(zip(out.p_hist, out.q_hist)), sorted(zip(true_p, true_q))), (seed, out.p_hist)
        values.append(float(out.mauve))
    assert max(values) - min(values) < 1e-12, values
    # cross-check: mauve-text's frontier and area on the true histograms, as compute_mauve does it
    curve = get_divergence_curve_for_multinomials(true_p, true_q, np.linspace(1e-6, 1 - 1e-6, 25), 5)
    x, y = curve.T
    i1, i2 = np.argsort(x), np.argsort(y)
    from_histograms = 0.5 * (area_under_curve(x[i1], y[i1]) + area_under_curve(y[i2], x[i2]))
    assert abs(from_histograms - values[0]) < 1e-12, (from_histograms, values[0])
    return {
        "mauve": values[1], "clusters": clusters, "seeds": [1, 25, SEED],
        "p_hist": [float(v) for v in true_p], "q_hist": [float(v) for v in true_q],
    }


def tie_margin(real: np.ndarray, fake: np.ndarray, k: int) -> float:
    """Smallest |distance - radius| over the comparisons prdc makes (float64)."""
    def dist(a, b):
        a, b = a.astype(np.float64), b.astype(np.float64)
        return np.sqrt(np.maximum(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1), 0))
    real_radii = np.sort(dist(real, real), axis=1)[:, k]
    fake_radii = np.sort(dist(fake, fake), axis=1)[:, k]
    rf = dist(real, fake)
    return float(min(np.abs(rf - real_radii[:, None]).min(), np.abs(rf - fake_radii[None, :]).min()))


def prdc_reference(real: np.ndarray, synthetic: np.ndarray) -> dict:
    with contextlib.redirect_stdout(io.StringIO()):
        values = prdc.compute_prdc(real_features=real, fake_features=synthetic, nearest_k=NEIGHBOURS)
    margin = tie_margin(real, synthetic, NEIGHBOURS)
    assert margin > 1e-3, margin
    return {
        "embedding_precision": float(values["precision"]), "embedding_recall": float(values["recall"]),
        "embedding_density": float(values["density"]), "embedding_coverage": float(values["coverage"]),
        "tie_margin": margin,
    }


def block(expected: dict, tolerance: float) -> str:
    """The card's ```json assay-example block (raw vectors; the engine normalises them)."""
    def rows(matrix):
        return "[" + ", ".join("[" + ", ".join(repr(v) for v in row) + "]" for row in matrix) + "]"
    lines = [
        "```json assay-example",
        '{"tokenizer": "default",',
        ' "texts": ' + json.dumps(SYNTHETIC_TEXTS) + ",",
        ' "vectors": ' + rows(SYNTHETIC) + ",",
        ' "real": {"texts": ' + json.dumps(REAL_TEXTS) + ",",
        '          "vectors": ' + rows(REAL) + "},",
        ' "expected": {' + ", ".join(f'"{k}": {v!r}' for k, v in expected.items()) + "},",
        f' "tolerance": {tolerance!r}}}',
        "```",
    ]
    return "\n".join(lines)


def main() -> None:
    synthetic, real = unit_rows(SYNTHETIC), unit_rows(REAL)
    disc = discriminator(real, synthetic)
    mv = mauve_reference(real, synthetic)
    pr = prdc_reference(real, synthetic)
    blocks = {
        # the AUC is a ratio of pair counts over 14 x 16 pairs; the margin rules out any reordering
        "Metrics/discriminator.md": block({"discriminator_auc": disc["discriminator_auc"]}, 1e-9),
        "Metrics/mauve.md": block({"mauve": mv["mauve"]}, 1e-6),
        "Metrics/precision-recall.md": block(
            {k: pr[k] for k in ("embedding_precision", "embedding_recall", "embedding_density",
                                "embedding_coverage")}, 1e-9),
    }
    result = {
        "generator": "References/golden_card_examples.py",
        "versions": {
            "python": platform.python_version(), "numpy": np.__version__, "scikit-learn": sklearn.__version__,
            "mauve-text": "0.4.0", "faiss-cpu": faiss.__version__, "prdc": "0.2",
        },
        "seed": SEED, "folds": FOLDS, "nearest_k": NEIGHBOURS,
        "synthetic": {"texts": SYNTHETIC_TEXTS, "vectors": SYNTHETIC, "group": SYNTHETIC_GROUP,
                      "unit_rows": [[float(v) for v in row] for row in synthetic]},
        "real": {"texts": REAL_TEXTS, "vectors": REAL, "group": REAL_GROUP,
                 "unit_rows": [[float(v) for v in row] for row in real]},
        "discriminator": disc, "mauve": mv, "prdc": pr,
        "blocks": blocks,
    }
    OUTPUT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"discriminator_auc   {disc['discriminator_auc']!r}  (score margin {disc['score_margin']:.3g})")
    print(f"mauve               {mv['mauve']!r}  (K = {mv['clusters']}, p = {mv['p_hist']}, q = {mv['q_hist']})")
    for key in ("embedding_precision", "embedding_recall", "embedding_density", "embedding_coverage"):
        print(f"{key:<19} {pr[key]!r}")
    print(f"prdc tie margin     {pr['tie_margin']:.3g}")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
