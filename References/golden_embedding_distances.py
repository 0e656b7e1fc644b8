#!/usr/bin/env python3
"""Independent reference values for Assay's embedding distances (MAUVE and PRDC).

Purpose
-------
Computes the golden values that the Swift module ``EmbeddingDistances`` is
tested against.  Nothing here uses Assay's code: MAUVE comes from the PyPI
package ``mauve-text`` (pinned below), precision / recall / density / coverage
from the PyPI package ``prdc`` (pinned below).  The output is
``Fixtures/golden/embedding_distances.json``.

    pip install mauve-text==0.4.0 prdc==0.2 faiss-cpu==1.15.1 scikit-learn==1.9.1 numpy
    python3 References/golden_embedding_distances.py

Cases
-----
mauve_histograms   The SAME quantisation on both sides: seeded cluster
                   assignments (integers) for the synthetic set p and the real
                   set q, turned into histograms exactly as mauve-text's
                   ``cluster_feats`` does (np.histogram, then / sum), then
                   mauve-text's own ``get_divergence_curve_for_multinomials``
                   on ``np.linspace(1e-6, 1 - 1e-6, 25)`` with scaling factor
                   5 and the area exactly as ``compute_mauve`` computes it
                   (sklearn.metrics.auc over the points sorted by x, and over
                   the points sorted by y, averaged).  Includes empty bins on
                   one side and on both sides.
mauve_end_to_end   Tight, well-separated Gaussian blobs (unit-normalised) run
                   through ``mauve.compute_mauve(p_features=synthetic,
                   q_features=real, num_buckets=K, seed=...)``: PCA to 90 %
                   explained variance, faiss k-means (5 restarts, 500
                   iterations).  The script asserts that mauve-text's
                   histograms equal the blobs' true proportions, so k-means is
                   unambiguous and any correct k-means gives the same value.
prdc               ``prdc.compute_prdc(real_features, fake_features,
                   nearest_k)`` on seeded unit-normalised features of several
                   shapes and k, and one case with raw (unnormalised)
                   features.  The script checks that no comparison of a
                   distance with a radius is within 1e-5 of a tie, so the
                   values do not depend on float rounding.

Features are float32 and stored as their shortest round-trip decimal strings
(parsed as a double and rounded to float32 they give the same bits).
"""
import contextlib
import io
import json
import pathlib

import mauve
import numpy as np
import prdc
import sklearn
from mauve.compute_mauve import get_divergence_curve_for_multinomials
from sklearn.metrics import auc as compute_area_under_curve

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Fixtures" / "golden" / "embedding_distances.json"


def float32_list(matrix: np.ndarray) -> list:
    """Rows of float32 values as numbers that round-trip through double -> float32."""
    rows = []
    for row in np.asarray(matrix, dtype=np.float32):
        out = []
        for value in row:
            text = np.format_float_positional(value, unique=True, trim="-")
            assert np.float32(np.float64(float(text))) == value
            out.append(float(text))
        rows.append(out)
    return rows


def unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32)


def mauve_from_histograms(p: np.ndarray, q: np.ndarray, scaling: float = 5, size: int = 25):
    """Exactly the unsmoothed part of mauve.compute_mauve after cluster_feats."""
    mixture_weights = np.linspace(1e-6, 1 - 1e-6, size)
    divergence_curve = get_divergence_curve_for_multinomials(p, q, mixture_weights, scaling)
    x, y = divergence_curve.T
    idxs1 = np.argsort(x)
    idxs2 = np.argsort(y)
    score = 0.5 * (compute_area_under_curve(x[idxs1], y[idxs1]) + compute_area_under_curve(y[idxs2], x[idxs2]))
    return divergence_curve, float(score)


def histogram(labels: np.ndarray, k: int) -> np.ndarray:
    counts = np.histogram(labels, bins=k, range=[0, k], density=False)[0]
    return counts / counts.sum()


def histogram_cases():
    cases = []
    specs = [
        # name, seed, K, N (synthetic), M (real), how
        ("uniform_10", 1, 10, 200, 300, "uniform"),
        ("skewed_8", 2, 8, 150, 120, "skewed"),
        ("empty_bins_12", 3, 12, 80, 90, "empty"),
        ("few_rows_25", 4, 25, 40, 60, "uniform"),
        ("two_clusters", 5, 2, 30, 50, "skewed"),
        ("disjoint_6", 6, 6, 50, 50, "disjoint"),
    ]
    for name, seed, k, n, m, how in specs:
        rng = np.random.default_rng(seed)
        if how == "uniform":
            p_labels = rng.integers(0, k, size=n)
            q_labels = rng.integers(0, k, size=m)
        elif how == "skewed":
            w = rng.dirichlet(np.ones(k) * 0.7)
            p_labels = rng.choice(k, size=n, p=w)
            q_labels = rng.integers(0, k, size=m)
        elif how == "empty":
            # bins 0-2 empty in p, bins 9-10 empty in q, bin 11 empty in both
            p_labels = rng.integers(3, 11, size=n)
            q_labels = rng.integers(0, 9, size=m)
        else:  # disjoint supports
            p_labels = rng.integers(0, k // 2, size=n)
            q_labels = rng.integers(k // 2, k, size=m)
        p = histogram(p_labels, k)
        q = histogram(q_labels, k)
        curve, score = mauve_from_histograms(p, q)
        cases.append({
            "name": name, "clusters": k,
            "synthetic_assignments": [int(v) for v in p_labels],
            "real_assignments": [int(v) for v in q_labels],
            "p": [float(v) for v in p], "q": [float(v) for v in q],
            "frontier": [[float(a), float(b)] for a, b in curve],
            "mauve": score,
        })
    return cases


def blobs(rng, centres, counts, noise):
    rows, labels = [], []
    for index, (centre, count) in enumerate(zip(centres, counts)):
        rows.append(centre + noise * rng.standard_normal((count, centres.shape[1])))
        labels += [index] * count
    return unit_rows(np.vstack(rows)), np.array(labels)


def end_to_end_cases():
    cases = []
    specs = [
        # name, seed, d, synthetic counts, real counts, num_buckets
        ("four_blobs", 11, 16, [30, 10, 20, 0], [20, 20, 20, 20], 4),
        ("three_blobs_close_proportions", 12, 24, [25, 25, 30], [30, 25, 25], 3),
        ("two_blobs_auto", 13, 8, [18, 4], [10, 12], "auto"),
        ("five_blobs", 14, 16, [12, 12, 12, 12, 12], [30, 5, 10, 10, 5], 5),
    ]
    for name, seed, d, p_counts, q_counts, buckets in specs:
        rng = np.random.default_rng(seed)
        k = len(p_counts)
        centres = unit_rows(rng.standard_normal((k, d))).astype(np.float64)
        p_feats, p_true = blobs(rng, centres, p_counts, 0.02)
        q_feats, q_true = blobs(rng, centres, q_counts, 0.02)
        out = mauve.compute_mauve(p_features=p_feats, q_features=q_feats, num_buckets=buckets, seed=seed)
        true_p = np.array(p_counts) / sum(p_counts)
        true_q = np.array(q_counts) / sum(q_counts)
        # mauve-text's cluster numbering is arbitrary: match its histograms to the blobs up to a permutation.
        pairs = sorted(zip(out.p_hist, out.q_hist))
        assert np.allclose(pairs, sorted(zip(true_p, true_q))), (name, out.p_hist, out.q_hist)
        _, from_truth = mauve_from_histograms(true_p, true_q)
        cases.append({
            "name": name, "seed": seed, "num_buckets": buckets, "clusters": int(out.num_buckets),
            "synthetic": float32_list(p_feats), "real": float32_list(q_feats),
            "synthetic_blob": [int(v) for v in p_true], "real_blob": [int(v) for v in q_true],
            "p_counts": p_counts, "q_counts": q_counts,
            "mauve": float(out.mauve), "mauve_from_true_histograms": from_truth,
            "mauve_star": float(out.mauve_star),
        })
    return cases


def tie_margin(real, fake, k):
    """Smallest |distance - radius| over the comparisons prdc makes (float64)."""
    def dist(a, b):
        a = a.astype(np.float64)
        b = b.astype(np.float64)
        return np.sqrt(np.maximum(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1), 0))
    rr = dist(real, real)
    ff = dist(fake, fake)
    rf = dist(real, fake)
    real_radii = np.sort(rr, axis=1)[:, k]
    fake_radii = np.sort(ff, axis=1)[:, k]
    return float(min(np.abs(rf - real_radii[:, None]).min(), np.abs(rf - fake_radii[None, :]).min()))


def prdc_cases():
    cases = []
    specs = [
        # name, seed, N synthetic, M real, d, k, raw
        ("n60_m50_d8_k5", 21, 60, 50, 8, 5, False),
        ("n80_m100_d16_k3", 22, 80, 100, 16, 3, False),
        ("n70_m40_d32_k5", 23, 70, 40, 32, 5, False),
        ("n100_m90_d12_k10", 24, 100, 90, 12, 10, False),
        ("n50_m50_d6_k1", 25, 50, 50, 6, 1, False),
        ("raw_n60_m70_d10_k4", 26, 60, 70, 10, 4, True),
    ]
    for name, seed, n, m, d, k, raw in specs:
        rng = np.random.default_rng(seed)
        real = rng.standard_normal((m, d))
        # the synthetic set is shifted and narrower, so the four values are away from 0 and 1
        fake = 0.8 * rng.standard_normal((n, d)) + 0.35
        if raw:
            real = (3.0 * real + 1.0).astype(np.float32)
            fake = (3.0 * fake).astype(np.float32)
        else:
            real, fake = unit_rows(real), unit_rows(fake)
        with contextlib.redirect_stdout(io.StringIO()):
            values = prdc.compute_prdc(real_features=real, fake_features=fake, nearest_k=k)
        margin = tie_margin(real, fake, k)
        assert margin > 1e-5, (name, margin)
        cases.append({
            "name": name, "k": k, "unit_rows": not raw,
            "synthetic": float32_list(fake), "real": float32_list(real),
            "precision": float(values["precision"]), "recall": float(values["recall"]),
            "density": float(values["density"]), "coverage": float(values["coverage"]),
            "tie_margin": margin,
        })
    return cases


def main() -> None:
    result = {
        "generator": "References/golden_embedding_distances.py",
        "versions": {
            "mauve-text": "0.4.0", "prdc": "0.2", "numpy": np.__version__, "scikit-learn": sklearn.__version__,
        },
        "mauve_histograms": histogram_cases(),
        "mauve_end_to_end": end_to_end_cases(),
        "prdc": prdc_cases(),
    }
    OUTPUT.write_text(json.dumps(result, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
