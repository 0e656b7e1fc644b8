#!/usr/bin/env python3
"""Independent reference values for Assay's two-sample discriminator and discriminative terms.

Purpose
-------
Computes the golden values that the Swift types ``ROCAUC``,
``TwoSampleDiscriminator`` (module ``LabelModels``) and ``DiscriminativeTerms``
(module ``DistributionDistances``) are tested against.  Nothing here uses
Assay's code.  Output: ``Fixtures/golden/discriminator.json``.

Definitions
-----------
  auc             ``sklearn.metrics.roc_auc_score(truth, scores)`` on seeded
                  score vectors, most of them quantised so that many scores
                  tie (ties count one half).  Each case also carries a plain
                  O(n^2) pair count (positive above negative + 1/2 tie) as a
                  cross-check; the script stops if they differ by > 1e-12.
  discriminator   seeded real and synthetic feature sets (float32, rows scaled
                  to unit L2 norm in float64 before rounding, like Assay's
                  embeddings) and an explicit stratified fold assignment per
                  side (a numpy permutation per side, position p -> fold
                  p mod k), written out so Assay uses the identical folds.
                  For each fold f: ``LogisticRegression(solver="lbfgs", C=C,
                  tol=1e-10, max_iter=10000)`` (default L2 penalty) fitted on
                  the rows of the other folds -- real rows in index order
                  (label 0), then synthetic rows in index order (label 1) --
                  and ``predict_proba(...)[:, 1]`` on fold f's rows: the
                  out-of-fold P(synthetic).  ``cv_auc`` is roc_auc_score of
                  all out-of-fold scores pooled (real then synthetic) against
                  the truth (synthetic = 1); ``fold_aucs`` the AUC within each
                  fold; ``mean_fold_auc`` their mean.
  log_odds        Monroe, Colaresi & Quinn (2008), "Fightin' Words", eq. 22,
                  written here in numpy from the paper's formula:
                      alpha_w = alpha0 * y_w / n      (pooled counts y_w, n)
                      delta_w = log((ys_w + a_w) / (ns + alpha0 - ys_w - a_w))
                              - log((yr_w + a_w) / (nr + alpha0 - yr_w - a_w))
                      var_w   = 1 / (ys_w + a_w) + 1 / (yr_w + a_w)
                      z_w     = delta_w / sqrt(var_w)
                  over the tokens with y_w >= 1.  The streams are given as
                  counts per token id (a stream is its tokens repeated; the
                  method ignores order).  ``alpha0`` is either the pooled
                  total n ("pooled") or a fixed number.

Cases (seeded numpy ``default_rng``) are listed in ``auc_cases``,
``discriminator_cases`` and ``log_odds_cases`` below.

How to run (from the repository root)
-------------------------------------
    pip install scikit-learn==1.9.1        # Python 3.11, numpy 2.4, scipy 1.17
    python3 References/golden_discriminator.py

Deterministic: same library versions, same bytes (sorted keys, floats as repr).
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Fixtures" / "golden" / "discriminator.json"
TOL = 1e-10


def pair_count_auc(scores, truth):
    pos = scores[truth == 1]
    neg = scores[truth == 0]
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return (greater + 0.5 * ties) / (len(pos) * len(neg))


def auc_cases():
    rng = np.random.default_rng(20231012)
    cases = []
    specs = [
        # name, n, positive rate, quantisation levels (None = continuous), signal
        ("small_ties", 40, 0.5, 5, 0.5),
        ("many_ties", 400, 0.3, 10, 0.8),
        ("heavy_ties", 400, 0.6, 3, 0.3),
        ("continuous", 300, 0.4, None, 1.0),
        ("imbalanced", 300, 0.05, 20, 1.5),
        ("no_signal_ties", 300, 0.5, 4, 0.0),
        ("reversed", 100, 0.5, None, -3.0),
    ]
    for name, n, rate, levels, signal in specs:
        truth = (rng.random(n) < rate).astype(int)
        truth[0], truth[1] = 0, 1  # both classes present
        raw = rng.normal(size=n) + signal * truth
        if levels is None:
            scores = raw
        else:
            scores = np.round((raw - raw.min()) / (raw.max() - raw.min()) * (levels - 1)) / (levels - 1)
        auc = float(roc_auc_score(truth, scores))
        check = float(pair_count_auc(scores, truth))
        assert abs(auc - check) <= 1e-12, (name, auc, check)
        cases.append({"name": name, "scores": scores.tolist(), "truth": truth.tolist(), "auc": auc})
    # All scores equal: AUC 0.5.
    truth = np.array([0, 1, 1, 0, 1, 0, 0])
    scores = np.full(7, 0.25)
    cases.append({"name": "all_tied", "scores": scores.tolist(), "truth": truth.tolist(),
                  "auc": float(roc_auc_score(truth, scores))})
    return cases


def unit_rows(x):
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    return np.float32(x)


def stratified(rng, n, k):
    folds = np.empty(n, dtype=int)
    folds[rng.permutation(n)] = np.arange(n) % k
    return folds


def discriminator_case(name, rng, n_real, n_syn, d, shift, c, k):
    direction = rng.normal(size=d)
    direction /= np.linalg.norm(direction)
    base = rng.normal(size=d)
    real = unit_rows(base + rng.normal(size=(n_real, d)))
    syn = unit_rows(base + shift * direction + rng.normal(size=(n_syn, d)))
    real_folds = stratified(rng, n_real, k)
    syn_folds = stratified(rng, n_syn, k)
    real_scores = np.zeros(n_real)
    syn_scores = np.zeros(n_syn)
    fold_aucs = []
    iterations = []
    for f in range(k):
        rt, st = real_folds != f, syn_folds != f
        x = np.vstack([real[rt], syn[st]]).astype(np.float64)
        y = np.concatenate([np.zeros(rt.sum(), dtype=int), np.ones(st.sum(), dtype=int)])
        model = LogisticRegression(solver="lbfgs", C=c, tol=TOL, max_iter=10000).fit(x, y)
        iterations.append(int(model.n_iter_[0]))
        rp = model.predict_proba(real[~rt].astype(np.float64))[:, 1]
        sp = model.predict_proba(syn[~st].astype(np.float64))[:, 1]
        real_scores[~rt] = rp
        syn_scores[~st] = sp
        fold_aucs.append(float(roc_auc_score(
            np.concatenate([np.zeros(len(rp)), np.ones(len(sp))]), np.concatenate([rp, sp]))))
    truth = np.concatenate([np.zeros(n_real), np.ones(n_syn)])
    cv_auc = float(roc_auc_score(truth, np.concatenate([real_scores, syn_scores])))
    return {
        "name": name, "C": c, "folds": k, "dimension": d,
        "real": real.tolist(), "synthetic": syn.tolist(),
        "real_folds": real_folds.tolist(), "synthetic_folds": syn_folds.tolist(),
        "real_scores": real_scores.tolist(), "synthetic_scores": syn_scores.tolist(),
        "fold_aucs": fold_aucs, "mean_fold_auc": float(np.mean(fold_aucs)), "cv_auc": cv_auc,
        "sklearn_iterations": iterations,
    }


def discriminator_cases():
    rng = np.random.default_rng(7)
    return [
        discriminator_case("overlapping", rng, 60, 80, 8, 0.8, 1.0, 5),
        discriminator_case("separable", rng, 40, 50, 8, 6.0, 1.0, 5),
        discriminator_case("identical", rng, 70, 70, 8, 0.0, 1.0, 5),
        discriminator_case("imbalanced_strong_penalty", rng, 30, 100, 6, 1.5, 0.1, 3),
        discriminator_case("weak_penalty", rng, 50, 50, 8, 1.0, 10.0, 4),
    ]


def monroe(ys, yr, alpha0):
    ys = np.asarray(ys, dtype=np.float64)
    yr = np.asarray(yr, dtype=np.float64)
    ns, nr = ys.sum(), yr.sum()
    y = ys + yr
    n = ns + nr
    a0 = n if alpha0 == "pooled" else float(alpha0)
    a = a0 * y / n
    with np.errstate(divide="ignore", invalid="ignore"):  # tokens with y_w = 0 are dropped below
        delta = np.log((ys + a) / (ns + a0 - ys - a)) - np.log((yr + a) / (nr + a0 - yr - a))
        var = 1.0 / (ys + a) + 1.0 / (yr + a)
    return delta, var, delta / np.sqrt(var), a


def log_odds_cases():
    rng = np.random.default_rng(99)
    cases = []
    v = 300
    ranks = np.arange(1, v + 1)
    base = 1.0 / ranks ** 1.1
    for name, alpha0, ns, nr, tilt in [
        ("pooled_prior", "pooled", 6000, 4000, 0.6),
        ("fixed_1000", 1000, 6000, 4000, 0.6),
        ("fixed_small", 0.5, 3000, 5000, 0.4),
        ("same_distribution", "pooled", 5000, 5000, 0.0),
    ]:
        ps = base * np.exp(tilt * rng.normal(size=v))
        ps /= ps.sum()
        pr = base / base.sum()
        ys = rng.multinomial(ns, ps)
        yr = rng.multinomial(nr, pr)
        # Token ids with zero pooled count are not scored; a few exclusive tokens on each side.
        ys[v - 5:] = 0
        yr[v - 10:v - 5] = 0
        delta, var, z, a = monroe(ys, yr, alpha0)
        keep = (ys + yr) > 0
        ids = np.nonzero(keep)[0]
        cases.append({
            "name": name, "alpha0": alpha0 if alpha0 == "pooled" else float(alpha0),
            "synthetic_counts": ys.tolist(), "real_counts": yr.tolist(),
            "tokens": ids.tolist(), "delta": delta[keep].tolist(), "variance": var[keep].tolist(),
            "z": z[keep].tolist(), "prior": a[keep].tolist(),
        })
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    result = {
        "reference": {"scikit_learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                      "python": platform.python_version()},
        "solver": {"solver": "lbfgs", "tol": TOL, "max_iter": 10000},
        "auc": auc_cases(),
        "discriminator": discriminator_cases(),
        "log_odds": log_odds_cases(),
    }
    args.output.write_text(json.dumps(result, sort_keys=True) + "\n")
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")
    for case in result["discriminator"]:
        print(case["name"], "cv_auc", round(case["cv_auc"], 4), "folds", [round(a, 3) for a in case["fold_aucs"]])


if __name__ == "__main__":
    main()
