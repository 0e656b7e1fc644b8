#!/usr/bin/env python3
"""scikit-learn's fit time on data shaped like Assay's classifier benchmark, for comparison.

Assay's benchmark (Tests/LabelModelsTests/LogisticRegressionBenchmark.swift) fits N = 20,000 rows,
d = 384, K = 4 Gaussian classes (class means with standard deviation 0.1 per coordinate, unit noise,
Float32), raw and with rows scaled to unit length.  This script draws data of the same shape and
distribution with numpy (not the same numbers: Assay's generator is SplitMix64) and times
``LogisticRegression(C=1, solver="lbfgs")`` with ``tol`` 1e-4 (scikit-learn's default) and 1e-6 (the
same stopping scale as Assay's default ``gradientTolerance``), best of 3.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 Benchmarks/classifier_sklearn_reference.py

Measured with Python 3.11, numpy 2.4, scikit-learn 1.9.1.
"""
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(2026)
n, d, k = 20_000, 384, 4
means = rng.normal(scale=0.1, size=(k, d))
y = rng.integers(k, size=n)
x = (means[y] + rng.normal(size=(n, d))).astype(np.float32).astype(np.float64)
for name, features in [("raw rows", x), ("unit rows", x / np.linalg.norm(x, axis=1, keepdims=True))]:
    for tol in (1e-4, 1e-6):
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            model = LogisticRegression(C=1.0, solver="lbfgs", tol=tol, max_iter=10_000).fit(features, y)
            best = min(best, time.perf_counter() - start)
        print(f"{name}, tol {tol:g}: {best:.3f} s, {int(model.n_iter_[0])} iterations, "
              f"training accuracy {model.score(features, y):.3f}")
