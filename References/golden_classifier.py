#!/usr/bin/env python3
"""Independent reference values for Assay's logistic regression and classification scores.

Purpose
-------
Computes the golden values that the Swift module ``LabelModels``
(``LogisticRegression``, ``ClassificationScores``) is tested against.  Nothing
here uses Assay's code: the models come from scikit-learn, the scores from
``sklearn.metrics``, and a plain numpy Newton solver cross-checks that
scikit-learn reached the optimum.  The output is
``Fixtures/golden/classifier_sklearn.json``.

Definitions
-----------
  model           scikit-learn ``LogisticRegression(C=C, solver="lbfgs",
                  fit_intercept=True, tol=1e-10, max_iter=10000)`` with its
                  default L2 penalty (``penalty="l2"`` is deprecated since
                  1.8; the default is the L2 penalty, l1_ratio = 0).  With
                  three or more classes in the training labels it is the
                  multinomial model
                      minimise  C * sum_i -log softmax(W x_i + b)[y_i]
                                + 1/2 ||W||_F^2          (b not penalised);
                  with exactly two classes scikit-learn fits ONE weight vector
                  (sigmoid):
                      minimise  C * sum_i logloss(w . x_i + b, y_i)
                                + 1/2 ||w||^2.
                  Binary equivalence (what Assay relies on): the softmax model
                  with two weight vectors and C' = C / 2 has the same optimal
                  probabilities.  At its optimum w_0 = -w_1 (the loss only sees
                  w_1 - w_0, and 1/2(|w_0|^2 + |w_1|^2) is smallest for a given
                  difference w at w_0 = -w_1 = -w/2, where it equals 1/4 |w|^2),
                  so its objective is C' sum logloss(w . x + b) + 1/4 |w|^2
                  = 1/2 [2C' sum logloss + 1/2 |w|^2].  The script checks this
                  numerically: the Newton solver below fits the softmax form with
                  C/2 and must reproduce scikit-learn's binary probabilities.
  classes         the model is fitted on the classes that occur in the
                  training labels (scikit-learn's ``classes_``); a class index
                  below ``class_count`` that never occurs gets probability 0 in
                  every row (the infimum of the multinomial objective is
                  approached as its intercept goes to -inf).
  probabilities   ``predict_proba`` as an N x class_count row-major list of
                  lists (absent classes filled with 0.0).
  predictions     ``predict`` (argmax; scikit-learn's ties go to the first of
                  ``classes_``, i.e. the smallest class index).
  accuracy        ``sklearn.metrics.accuracy_score(truth, predicted)``.
  balanced_accuracy ``sklearn.metrics.balanced_accuracy_score(truth,
                  predicted)``: the mean recall over the classes that occur
                  in truth (a class only predicted is left out, with
                  scikit-learn's warning silenced).
  macro_f1        ``sklearn.metrics.f1_score(truth, predicted,
                  average="macro", zero_division=0)``: the mean over the classes
                  that occur in truth or predictions of
                  2 tp / (2 tp + fp + fn).
  newton_check    the same objective minimised by damped Newton in numpy
                  (float64, exact Hessian, least-squares steps because the
                  intercepts' common shift is a flat direction), started from
                  scikit-learn's solution and iterated until the max-norm of
                  the gradient of objective / (C N) is below 1e-13.  Written:
                  the largest |p_sklearn - p_newton| over training and test
                  rows (the script stops if it exceeds 1e-6), and
                  scikit-learn's own scaled gradient max-norm.

Inputs are float32: every feature is drawn in float64, rounded with
``np.float32`` and written exactly (``tolist()`` of the float32 array), and
scikit-learn gets those values as float64 -- the same numbers Assay reads.

Cases (seeded numpy ``default_rng``; name, K = class_count, d, N train / test):
  separated_3         3 well-separated Gaussian classes, d 8, N 60 / 30, C 1
  overlapping_4       4 overlapping classes, d 16, N 200 / 100, C 1
  binary              2 classes, d 5, N 40 / 20, C 1
  absent_class        K 4, class 2 never in the training labels (it is in the
                      test labels), d 6, N 50 / 40, C 1
  binary_of_three     K 3, only classes 0 and 2 in training (a binary fit),
                      d 4, N 30 / 15, C 1
  strong_penalty      3 classes, d 10, N 120 / 60, C 0.1
  weak_penalty        the same data, C 10
  unit_rows           3 classes, rows scaled to unit L2 norm in float64 before
                      the float32 rounding (as Assay's embeddings), d 32,
                      N 300 / 150, C 1
Score cases: seven hand-checkable (truth, predicted) pairs, including a class
that occurs only in the predictions and a class that is never predicted.

Output layout
-------------
    {"reference": {"scikit_learn", "numpy", "scipy", "python"},
     "solver": {"tol", "max_iter", "solver"},
     "models": [{"name", "class_count", "C", "dimension",
                 "train": {"features": [[...]], "labels": [...]},
                 "test": {"features", "labels"},
                 "observed_classes", "sklearn_iterations",
                 "sklearn_scaled_gradient_max_norm",
                 "newton_check_max_abs_probability_difference",
                 "train_probabilities", "test_probabilities",
                 "train_predictions", "test_predictions",
                 "test_accuracy", "test_macro_f1"}, ...],
     "scores": [{"name", "truth", "predicted", "accuracy", "macro_f1",
                 "balanced_accuracy"}, ...]}

How to run (from the repository root)
-------------------------------------
    pip install scikit-learn==1.9.1         # Python 3.11, numpy 2.4, scipy 1.17
    python3 References/golden_classifier.py  # about a second

The output is deterministic: same library versions, same bytes (sorted keys,
floats as Python repr).  Other scikit-learn versions (>= 1.5) give the same
values to far better than the tests' 1e-4 tolerance, but not bit for bit.
"""

from __future__ import annotations

import argparse
import json
import platform
import warnings
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Fixtures" / "golden" / "classifier_sklearn.json"
TOL = 1e-10
MAX_ITER = 10000
NEWTON_GRADIENT_TOL = 1e-13
NEWTON_AGREEMENT = 1e-6


def gaussian_classes(rng, n, d, k, separation, label_pool=None, unit=False, means=None):
    """Rows x = mean[y] + N(0, I); labels drawn uniformly from label_pool (default 0..k-1)."""
    if means is None:
        means = rng.normal(scale=separation, size=(k, d))
    pool = np.arange(k) if label_pool is None else np.asarray(label_pool)
    labels = rng.choice(pool, size=n)
    x = means[labels] + rng.normal(size=(n, d))
    if unit:
        x = x / np.linalg.norm(x, axis=1, keepdims=True)
    return np.float32(x), labels.astype(int), means


def softmax_form(model, observed):
    """scikit-learn's coefficients as a softmax model over the observed classes (binary: W = [-w/2, w/2])."""
    if len(observed) == 2:
        w, b = model.coef_[0], model.intercept_[0]
        return np.stack([-w / 2, w / 2]), np.array([-b / 2, b / 2])
    return model.coef_.copy(), model.intercept_.copy()


def softmax_probabilities(x, w, b):
    z = x @ w.T + b
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def scaled_gradient(x, y_onehot, w, b, c_eff):
    """Gradient of [C_eff sum -log p + 1/2 |W|^2] / (C_eff N), the scale of scikit-learn's tol."""
    n = x.shape[0]
    r = softmax_probabilities(x, w, b) - y_onehot
    gw = (r.T @ x) / n + w / (c_eff * n)
    gb = r.sum(axis=0) / n
    return gw, gb


def newton(x, y_onehot, w, b, c_eff):
    """Damped Newton on the softmax objective from (w, b); returns the optimum."""
    n, d = x.shape
    k = w.shape[0]
    xt = np.hstack([x, np.ones((n, 1))])  # intercept as a last column
    theta = np.hstack([w, b[:, None]])     # k x (d+1)
    penalty = np.ones(d + 1)
    penalty[-1] = 0.0

    def objective(t):
        z = xt @ t.T
        m = z.max(axis=1, keepdims=True)
        lse = (m[:, 0] + np.log(np.exp(z - m).sum(axis=1)))
        return c_eff * (lse - (z * y_onehot).sum(axis=1)).sum() + 0.5 * (t[:, :-1] ** 2).sum()

    for _ in range(100):
        p = softmax_probabilities(xt, theta, 0.0)
        g = c_eff * (p - y_onehot).T @ xt + theta * penalty  # k x (d+1)
        scaled = np.abs(g).max() / (c_eff * n)
        if scaled < NEWTON_GRADIENT_TOL:
            return theta[:, :-1], theta[:, -1]
        # Hessian: C sum_i (diag p_i - p_i p_i^T) kron x_i x_i^T + penalty
        h = np.zeros((k, d + 1, k, d + 1))
        for a in range(k):
            for c in range(k):
                coeff = p[:, a] * ((a == c) - p[:, c])
                h[a, :, c, :] = c_eff * (xt * coeff[:, None]).T @ xt
            h[a, :, a, :] += np.diag(penalty)
        hm = h.reshape(k * (d + 1), k * (d + 1))
        step = np.linalg.lstsq(hm, -g.reshape(-1), rcond=None)[0].reshape(k, d + 1)
        f0 = objective(theta)
        alpha = 1.0
        # Backtrack only far from the optimum: close to it the decrease is below the rounding of f,
        # and the full Newton step converges quadratically.
        while (
            scaled > 1e-6
            and objective(theta + alpha * step) > f0 + 1e-4 * alpha * (g * step).sum()
            and alpha > 1e-8
        ):
            alpha /= 2
        theta = theta + alpha * step
    raise SystemExit("newton check did not converge")


def fit_case(name, class_count, c, train, test):
    (x_train, y_train), (x_test, y_test) = train, test
    observed = sorted(set(int(v) for v in y_train))
    x64 = x_train.astype(np.float64)
    xt64 = x_test.astype(np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning must stop the script
        model = LogisticRegression(C=c, solver="lbfgs", fit_intercept=True, tol=TOL, max_iter=MAX_ITER)
        model.fit(x64, y_train)
    assert [int(v) for v in model.classes_] == observed

    def full(p):
        out = np.zeros((p.shape[0], class_count))
        out[:, observed] = p
        return out

    p_train = full(model.predict_proba(x64))
    p_test = full(model.predict_proba(xt64))
    pred_train = [int(v) for v in model.predict(x64)]
    pred_test = [int(v) for v in model.predict(xt64)]

    # Newton cross-check on the softmax form (binary: C / 2).
    c_eff = c / 2 if len(observed) == 2 else c
    onehot = (y_train[:, None] == np.array(observed)[None, :]).astype(np.float64)
    w0, b0 = softmax_form(model, observed)
    gw, gb = scaled_gradient(x64, onehot, w0, b0, c_eff)
    sklearn_gradient = float(max(np.abs(gw).max(), np.abs(gb).max()))
    w, b = newton(x64, onehot, w0, b0, c_eff)
    diff = max(
        np.abs(full(softmax_probabilities(x64, w, b)) - p_train).max(),
        np.abs(full(softmax_probabilities(xt64, w, b)) - p_test).max(),
    )
    if diff > NEWTON_AGREEMENT:
        raise SystemExit(f"{name}: scikit-learn and Newton disagree by {diff}")

    return {
        "name": name,
        "class_count": class_count,
        "C": c,
        "dimension": int(x_train.shape[1]),
        "train": {"features": x_train.tolist(), "labels": [int(v) for v in y_train]},
        "test": {"features": x_test.tolist(), "labels": [int(v) for v in y_test]},
        "observed_classes": observed,
        "sklearn_iterations": int(np.max(model.n_iter_)),
        "sklearn_scaled_gradient_max_norm": sklearn_gradient,
        "newton_check_max_abs_probability_difference": float(diff),
        "train_probabilities": p_train.tolist(),
        "test_probabilities": p_test.tolist(),
        "train_predictions": pred_train,
        "test_predictions": pred_test,
        "test_accuracy": float(accuracy_score(y_test, pred_test)),
        "test_macro_f1": float(f1_score(y_test, pred_test, average="macro", zero_division=0)),
    }


def model_cases():
    cases = []

    rng = np.random.default_rng(101)
    x, y, means = gaussian_classes(rng, 60, 8, 3, separation=3.0)
    xt, yt, _ = gaussian_classes(rng, 30, 8, 3, separation=3.0, means=means)
    cases.append(fit_case("separated_3", 3, 1.0, (x, y), (xt, yt)))

    rng = np.random.default_rng(202)
    x, y, means = gaussian_classes(rng, 200, 16, 4, separation=0.6)
    xt, yt, _ = gaussian_classes(rng, 100, 16, 4, separation=0.6, means=means)
    cases.append(fit_case("overlapping_4", 4, 1.0, (x, y), (xt, yt)))

    rng = np.random.default_rng(303)
    x, y, means = gaussian_classes(rng, 40, 5, 2, separation=1.0)
    xt, yt, _ = gaussian_classes(rng, 20, 5, 2, separation=1.0, means=means)
    cases.append(fit_case("binary", 2, 1.0, (x, y), (xt, yt)))

    rng = np.random.default_rng(404)
    x, y, means = gaussian_classes(rng, 50, 6, 4, separation=1.5, label_pool=[0, 1, 3])
    xt, yt, _ = gaussian_classes(rng, 40, 6, 4, separation=1.5, means=means)
    cases.append(fit_case("absent_class", 4, 1.0, (x, y), (xt, yt)))

    rng = np.random.default_rng(505)
    x, y, means = gaussian_classes(rng, 30, 4, 3, separation=1.0, label_pool=[0, 2])
    xt, yt, _ = gaussian_classes(rng, 15, 4, 3, separation=1.0, means=means)
    cases.append(fit_case("binary_of_three", 3, 1.0, (x, y), (xt, yt)))

    rng = np.random.default_rng(606)
    x, y, means = gaussian_classes(rng, 120, 10, 3, separation=0.8)
    xt, yt, _ = gaussian_classes(rng, 60, 10, 3, separation=0.8, means=means)
    cases.append(fit_case("strong_penalty", 3, 0.1, (x, y), (xt, yt)))
    cases.append(fit_case("weak_penalty", 3, 10.0, (x, y), (xt, yt)))

    rng = np.random.default_rng(707)
    x, y, means = gaussian_classes(rng, 300, 32, 3, separation=0.5, unit=True)
    xt, yt, _ = gaussian_classes(rng, 150, 32, 3, separation=0.5, unit=True, means=means)
    cases.append(fit_case("unit_rows", 3, 1.0, (x, y), (xt, yt)))
    return cases


SCORE_CASES = [
    # name, truth, predicted
    ("mixed_errors", [0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]),
    # class 2 occurs only in the predictions: precision 0/1, recall 0/0 -> F1 0, still averaged
    ("class_only_predicted", [0, 0, 1, 1], [0, 2, 1, 1]),
    # class 2 is never predicted: F1 0
    ("class_never_predicted", [0, 1, 2, 2], [0, 1, 1, 1]),
    # sparse class indices: only 1 and 3 count
    ("perfect_sparse", [3, 1, 3], [3, 1, 3]),
    ("single_wrong", [1], [0]),
    # a constant guess of the majority class: balanced accuracy 1/K whatever the balance
    ("constant_majority", [0, 0, 0, 0, 1, 1, 2], [0, 0, 0, 0, 0, 0, 0]),
    # imbalanced, with a class only predicted (left out of balanced accuracy, counted in macro-F1)
    ("imbalanced", [0, 0, 0, 0, 0, 0, 1, 1, 2], [0, 0, 0, 0, 1, 3, 1, 0, 2]),
]


def balanced_accuracy(truth, predicted):
    # scikit-learn warns when a class occurs only in the predictions (its recall is undefined and left out).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(balanced_accuracy_score(truth, predicted))


def score_cases():
    out = []
    for name, truth, predicted in SCORE_CASES:
        out.append({
            "name": name,
            "truth": truth,
            "predicted": predicted,
            "accuracy": float(accuracy_score(truth, predicted)),
            "macro_f1": float(f1_score(truth, predicted, average="macro", zero_division=0)),
            "balanced_accuracy": balanced_accuracy(truth, predicted),
        })
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    result = {
        "reference": {
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": platform.python_version(),
        },
        "solver": {"solver": "lbfgs", "tol": TOL, "max_iter": MAX_ITER},
        "models": model_cases(),
        "scores": score_cases(),
    }
    args.output.write_text(json.dumps(result, sort_keys=True) + "\n")
    for case in result["models"]:
        print(
            f"{case['name']}: sklearn iterations {case['sklearn_iterations']}, scaled gradient "
            f"{case['sklearn_scaled_gradient_max_norm']:.1e}, |p - p_newton| "
            f"{case['newton_check_max_abs_probability_difference']:.1e}, test accuracy "
            f"{case['test_accuracy']:.3f}, macro-F1 {case['test_macro_f1']:.3f}"
        )
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
