#!/usr/bin/env python3
"""Independent reference values for Assay's embedding-spread metrics.

Purpose
-------
Computes the golden values that Assay's Swift implementation of the
embedding metrics (remote-clique, chamfer, Vendi score, near-duplicates, copies
of real rows, 2-D PCA projection) is tested against.  Nothing here uses Assay's
code: the Vendi score comes from the PyPI package vendi-score, everything else
from numpy and plain Python.  The output is
``Fixtures/golden/embedding_numpy.json``.

Input
-----
Per dataset, rows with a text, an optional label and a vector (JSON Lines
``{"text": ..., "label": ..., "vec": [...]}``).  Rows whose vector has zero L2
norm are EXCLUDED from every embedding metric (counted in
``zero_vector_rows``); every other vector is L2-normalised in float64,
u_i = x_i / ||x_i||.  N = number of remaining rows.  Row indices written
anywhere are 0-based indices in the ORIGINAL file order, zero-vector rows
counted.  Dot products and sums below are computed with math.fsum (so they do
not depend on the BLAS build); t is the near-duplicate threshold, 0.95.

Definitions
-----------
  remote_clique         mean cosine distance over ordered pairs i != j
                        = 1 - (||sum_i u_i||^2 - N) / (N (N - 1));
                        the value written is this closed form; the explicit
                        pairwise mean over i != j is computed as well and must
                        agree to 1e-12.  null when N < 2.
  chamfer               mean over i of (1 - max_{j != i} u_i . u_j);
                        null when N < 2.
  vendi                 Vendi score, cosine kernel, q = 1:
                        exp(-sum lambda log lambda) over the eigenvalues
                        lambda > 0 of K/N, K = U U^T.  The value written is
                        vendi-score's ``vendi.score_dual(X, q=1,
                        normalize=True)`` on the raw non-zero vectors X (it
                        normalises them with sklearn and takes the
                        eigenvalues of X^T X / N, the d x d dual).  Checked
                        against ``vendi.score_K(U @ U.T)`` (the N x N kernel)
                        and against numpy: numpy.linalg.eigvalsh(U^T U / N);
                        all three must agree to 1e-9.  null when N = 0; 1 for
                        N = 1 (up to rounding).
  near_duplicate_rate   share of the N rows whose max_{j != i} u_i . u_j >= t;
                        null when N < 2.
  near_duplicate_clusters
                        connected components of the undirected graph whose
                        edges are (i, nn(i)) for every row i with max
                        similarity >= t, where nn(i) = argmax_{j != i}
                        u_i . u_j, ties to the lowest j; only components of
                        size >= 2; each {"size", "rows": sorted row indices},
                        the list sorted by size descending, then smallest row
                        index.  [] when N < 2.
  real_copy_rate        (synthetic datasets, against the case's real dataset
                        R, whose zero-vector rows are excluded too) share of
                        the N rows whose max_j u_i . r_j >= t; null when N = 0,
                        when R has no non-zero row, or without a real dataset.
  real_copies           those rows as {"row", "real_row", "similarity"}:
                        nearest real row (ties to the lowest real index) and
                        the similarity, sorted by similarity descending, then
                        row; null without a real dataset (and for R itself).
                        Exact copies score 1.0 here (fsum); in Float32 they
                        may differ from 1 in the last bits, so a test should
                        treat similarities within ~1e-6 as equal when it
                        checks the order.
  real_exact_copy_rate  share of ALL synthetic rows (zero-vector rows
                        included) whose normalised text equals the normalised
                        text of some real row (all real rows, zero-vector rows
                        included); normalised =
                        " ".join(unicodedata.normalize("NFKC", t).lower().split());
                        null without a real dataset (and for R itself) or
                        when the dataset has no row.
  projection            PCA fitted on the union of all datasets of a case
                        (real first, then the synthetic ones in order;
                        zero-vector rows excluded), M rows: mean mu,
                        covariance of the centred u (divided by M - 1), top-2
                        eigenvectors v_1, v_2 from numpy.linalg.eigh (float64,
                        eigenvalues descending), each flipped so that its entry
                        with the largest absolute value is positive; each row
                        projected as c_k = (u_i - mu) . v_k.  Written per
                        dataset: "rows" (indices), "coords" ([c1, c2] per row,
                        full float repr), "explained_variance" ([lambda_1,
                        lambda_2]); per case also "mean", "components",
                        "explained_variance_ratio" (lambda_k / trace) and
                        "stable".  stable = false when an eigenvector is not
                        determined well enough to compare coordinates:
                        lambda_1 <= 0, (lambda_1 - lambda_2) or (lambda_2 -
                        lambda_3) <= 1e-3 lambda_1 (lambda_3 = 0 when d = 2),
                        or the two largest |entries| of v_1 or v_2 differ by
                        <= 1e-6 (the sign rule is then fragile); compare the
                        explained variances only then.  null when M < 2 or
                        d < 2.
  per_label             remote_clique, chamfer, vendi, near_duplicate_rate (and
                        rows, zero_vector_rows) on each label's subset, with
                        neighbours searched inside the subset; rows whose
                        label is missing, null or "" are left out.

Robustness checks (the script stops if one fails): for every row whose
nearest neighbour is used (max similarity >= t, within a dataset and against
R) every candidate within 1e-4 of the best similarity has a vector identical
to the best one's, and every max similarity (whole dataset, each label subset,
against R) is more than 1e-4 away from t; so Float32 arithmetic gives the same
neighbours and the same counts.

Output layout
-------------
    {"reference": {"numpy", "vendi_score", "scipy", "scikit_learn", "python"},
     "threshold": 0.95,
     "cases": [{"name", "source": [file paths] | "inline",
                "projection": {"fitted_rows", "mean", "components",
                               "explained_variance", "explained_variance_ratio",
                               "stable"} | null,
                "datasets": [{"name", "role": "real" | "synthetic",
                              "rows", "zero_vector_rows",
                              "metrics": {"remote_clique", "chamfer", "vendi",
                                          "near_duplicate_rate",
                                          "real_copy_rate",
                                          "real_exact_copy_rate"},
                              "per_label": {label: {"rows", "zero_vector_rows",
                                          "remote_clique", "chamfer", "vendi",
                                          "near_duplicate_rate"}},
                              "near_duplicate_clusters": [{"size", "rows"}],
                              "real_copies": [{"row", "real_row",
                                               "similarity"}] | null,
                              "projection": {"rows", "coords",
                                             "explained_variance"} | null,
                              inline cases only: "texts", "labels", "vectors"
                             }, ...]}, ...]}
Datasets are listed real first; a case has at most one real dataset.

Cases: the three files in Fixtures/vectors/ (made by
scripts/make_vector_fixtures.py) as one case, and inline edge cases whose
texts, labels and vectors are written into the output.

How to run (from the repository root)
-------------------------------------
    pip install vendi-score==0.0.3         # pulls scipy and scikit-learn (Python 3.11, numpy 2.4)
    python3 References/golden_embedding.py  # under a second

The output is deterministic: same inputs, same bytes (sorted keys, indent 2,
floats as Python repr).

Dependency pins: Python 3.11, numpy 2.4.x, vendi-score==0.0.3 (measured with
scipy 1.17.1 and scikit-learn 1.9.1).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import unicodedata
import warnings
from pathlib import Path

import numpy as np
import scipy
import sklearn
from vendi_score import vendi

VENDI_PIN = "0.0.3"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Fixtures" / "golden" / "embedding_numpy.json"
THRESHOLD = 0.95
MARGIN = 1e-4

FIXTURE_CASE = (
    "vectors",
    [
        ("real", "real", "Fixtures/vectors/real.jsonl"),
        ("gen_spread", "synthetic", "Fixtures/vectors/gen_spread.jsonl"),
        ("gen_collapsed", "synthetic", "Fixtures/vectors/gen_collapsed.jsonl"),
    ],
)


def ds(name, role, rows):
    """Inline dataset: rows are (text, label, vec)."""
    return {
        "name": name,
        "role": role,
        "texts": [r[0] for r in rows],
        "labels": [r[1] for r in rows],
        "vectors": [[float(v) for v in r[2]] for r in rows],
    }


INLINE_CASES = [
    ("inline/single_row", [
        ds("gen", "synthetic", [("Only one row in this set.", "positive", [0.3, -1.2, 0.5, 2.0])]),
    ]),
    ("inline/two_rows", [
        ds("gen", "synthetic", [
            ("The first of two rows.", "a", [1.0, 0.0, 0.0, 0.0]),
            ("The second of two rows.", "b", [1.2, 1.6, 0.0, 0.0]),
        ]),
    ]),
    ("inline/three_identical_rows", [
        ds("gen", "synthetic", [
            ("Same vector every time.", "positive", [1.0, 2.0, 3.0, 4.0]),
            ("Same vector every time.", "positive", [1.0, 2.0, 3.0, 4.0]),
            ("Same vector, other words.", "positive", [1.0, 2.0, 3.0, 4.0]),
        ]),
    ]),
    ("inline/zero_vectors_mixed", [
        ds("real", "real", [
            ("A quiet table by the window.", "neutral", [0.0, 0.0, 1.0, 0.6]),
            ("Nothing to say about it.", "neutral", [0.0, 0.0, 0.0, 0.0]),
            ("Great scones and friendly people.", "positive", [2.0, 0.5, 0.0, 0.1]),
        ]),
        ds("gen", "synthetic", [
            ("nothing to  say about it.", "positive", [0.0, 0.0, 0.0, 0.0]),
            ("Great coffee and a warm welcome.", "positive", [1.0, 0.2, 0.0, 0.0]),
            ("An empty vector here too.", "negative", [0.0, 0.0, 0.0, 0.0]),
            ("The cake was dry.", "negative", [0.1, 1.0, 0.3, 0.0]),
            ("Great coffee and a kind welcome.", "positive", [0.97, 0.25, 0.03, 0.0]),
            ("A table by the window, quiet enough.", None, [0.0, 0.1, 1.0, 0.5]),
            ("Fine, I suppose.", "", [0.2, -0.3, 0.4, -1.0]),
        ]),
    ]),
    ("inline/all_zero_dataset", [
        ds("real", "real", [
            ("The tea came quickly.", "positive", [1.0, 0.0, 0.5]),
            ("The soup was cold.", "negative", [0.0, 1.0, -0.5]),
        ]),
        ds("gen", "synthetic", [
            ("The tea came quickly.", "positive", [0.0, 0.0, 0.0]),
            ("A row without a vector.", "negative", [0.0, 0.0, 0.0]),
            ("Another row without a vector.", None, [0.0, 0.0, 0.0]),
        ]),
    ]),
    ("inline/orthogonal_unit_vectors", [
        ds("gen", "synthetic", [
            ("North.", "x", [1.0, 0.0, 0.0, 0.0, 0.0]),
            ("East.", "x", [0.0, 1.0, 0.0, 0.0, 0.0]),
            ("South.", "y", [0.0, 0.0, 1.0, 0.0, 0.0]),
            ("West.", "y", [0.0, 0.0, 0.0, 1.0, 0.0]),
        ]),
    ]),
    ("inline/two_tight_clusters", [
        ds("gen", "synthetic", [
            ("Lovely bread.", "x", [1.0, 0.05, 0.0, 0.0]),
            ("Lovely loaf.", "x", [1.0, 0.0, 0.12, 0.0]),
            ("Lovely bread again.", "x", [1.0, -0.08, 0.0, 0.03]),
            ("Bitter coffee.", "y", [0.0, 0.1, 1.0, 1.0]),
            ("Bitter espresso.", "y", [0.05, 0.0, 1.0, 0.9]),
            ("Very bitter coffee.", "y", [0.0, -0.06, 0.85, 1.0]),
        ]),
    ]),
]


# --------------------------------------------------------------------------- data

def read_jsonl(path: Path):
    texts, labels, vectors = [], [], []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise SystemExit(f"{path}:{lineno}: text: not a string")
            vec = obj.get("vec")
            if not isinstance(vec, list) or not all(isinstance(v, (int, float)) for v in vec):
                raise SystemExit(f"{path}:{lineno}: vec: not a list of numbers")
            texts.append(obj["text"])
            labels.append(obj.get("label"))
            vectors.append([float(v) for v in vec])
    dims = {len(v) for v in vectors}
    if len(dims) > 1:
        raise SystemExit(f"{path}: vectors of different lengths {sorted(dims)}")
    return texts, labels, vectors


def has_label(label) -> bool:
    return label is not None and label != ""


def normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


# ------------------------------------------------------------------ vector basics

def dot(a, b) -> float:
    return math.fsum(a * b)


class Embedded:
    """The non-zero rows of a dataset (or subset), L2-normalised."""

    def __init__(self, vectors, indices):
        self.raw, self.index, units = [], [], []
        for idx, v in zip(indices, vectors):
            x = np.asarray(v, dtype=np.float64)
            norm = math.sqrt(math.fsum(x * x))
            if norm == 0.0:
                continue
            self.raw.append(x)
            self.index.append(idx)
            units.append(x / norm)
        self.u = units
        self.n = len(units)

    def sims_to(self, i, other, same):
        """Similarities of row i to every row of other (self excluded if same)."""
        return [(-math.inf if same and j == i else dot(self.u[i], other.u[j])) for j in range(other.n)]


def nearest(i, emb, other, same, *, used):
    """(best similarity, index into other of the nearest row; ties to the lowest j).

    used: the neighbour's identity matters (max >= t); then every candidate within
    MARGIN of the best must be an identical vector, else the value is fragile.
    """
    s = emb.sims_to(i, other, same)
    best = max(s)
    j_best = s.index(best)
    if used:
        for j, v in enumerate(s):
            if v >= best - MARGIN and not np.array_equal(other.raw[j], other.raw[j_best]):
                raise SystemExit(
                    f"near tie: row {emb.index[i]} has neighbours {other.index[j_best]} ({best!r}) "
                    f"and {other.index[j]} ({v!r}) within {MARGIN}")
        # exact duplicates of the best vector: lowest index wins
        j_best = min(j for j in range(other.n)
                     if not (same and j == i) and np.array_equal(other.raw[j], other.raw[j_best]))
    return best, j_best


def check_margin(value, what):
    if abs(value - THRESHOLD) <= MARGIN:
        raise SystemExit(f"similarity {value!r} of {what} is within {MARGIN} of the threshold {THRESHOLD}")


# ------------------------------------------------------------------------ metrics

def remote_clique(emb: Embedded):
    n = emb.n
    if n < 2:
        return None
    d = len(emb.u[0])
    total = np.array([math.fsum(u[k] for u in emb.u) for k in range(d)])
    closed = 1.0 - (math.fsum(total * total) - n) / (n * (n - 1))
    slow = math.fsum(1.0 - dot(emb.u[i], emb.u[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    if abs(closed - slow) > 1e-12:
        raise SystemExit(f"remote_clique: closed form {closed!r} != pairwise mean {slow!r}")
    return closed


def vendi_score(emb: Embedded):
    n = emb.n
    if n == 0:
        return None
    x = np.array(emb.raw)
    u = np.array(emb.u)
    value = float(vendi.score_dual(x, q=1, normalize=True))
    with warnings.catch_warnings():
        # score_K tests type(K) against scipy.sparse.csr.csr_matrix (deprecated namespace)
        warnings.simplefilter("ignore", DeprecationWarning)
        via_k = float(vendi.score_K(u @ u.T, q=1))
    w = np.linalg.eigvalsh(u.T @ u / n)
    w = w[w > 0]
    via_numpy = math.exp(-math.fsum(w * np.log(w)))
    for other, how in ((via_k, "score_K"), (via_numpy, "numpy eigvalsh of U^T U / N")):
        if abs(value - other) > 1e-9:
            raise SystemExit(f"vendi: score_dual {value!r} != {how} {other!r}")
    return value


def self_neighbours(emb: Embedded, what):
    """Per row: (max similarity, nn index into emb); None when N < 2."""
    if emb.n < 2:
        return None
    out = []
    for i in range(emb.n):
        best, _ = nearest(i, emb, emb, True, used=False)
        check_margin(best, f"row {emb.index[i]} in {what}")
        used = best >= THRESHOLD
        out.append(nearest(i, emb, emb, True, used=used) if used else (best, None))
    return out


def spread_metrics(emb: Embedded, what):
    nb = self_neighbours(emb, what)
    return {
        "remote_clique": remote_clique(emb),
        "chamfer": None if nb is None else math.fsum(1.0 - b for b, _ in nb) / emb.n,
        "vendi": vendi_score(emb),
        "near_duplicate_rate": None if nb is None else sum(b >= THRESHOLD for b, _ in nb) / emb.n,
    }, nb


def clusters(emb: Embedded, nb):
    if nb is None:
        return []
    parent = list(range(emb.n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, (best, j) in enumerate(nb):
        if best >= THRESHOLD:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups = {}
    for i in range(emb.n):
        groups.setdefault(find(i), []).append(emb.index[i])
    out = [{"size": len(g), "rows": sorted(g)} for g in groups.values() if len(g) >= 2]
    return sorted(out, key=lambda c: (-c["size"], c["rows"][0]))


def real_copies(emb: Embedded, real: Embedded, what):
    if emb.n == 0 or real.n == 0:
        return None, []
    copies = []
    for i in range(emb.n):
        best, _ = nearest(i, emb, real, False, used=False)
        check_margin(best, f"row {emb.index[i]} of {what} against the real rows")
        if best >= THRESHOLD:
            best, j = nearest(i, emb, real, False, used=True)
            copies.append({"row": emb.index[i], "real_row": real.index[j], "similarity": best})
    copies.sort(key=lambda c: (-c["similarity"], c["row"]))
    return len(copies) / emb.n, copies


def projection(embs):
    units = [u for e in embs for u in e.u]
    m = len(units)
    if m < 2 or len(units[0]) < 2:
        return None
    d = len(units[0])
    a = np.array(units)
    mu = np.array([math.fsum(a[:, k]) / m for k in range(d)])
    c = a - mu
    cov = (c.T @ c) / (m - 1)
    w, v = np.linalg.eigh(cov)
    order = np.argsort(w)[::-1]
    w, v = w[order], v[:, order]
    comps = []
    stable = bool(w[0] > 0)
    for k in range(2):
        vec = v[:, k].copy()
        mags = np.sort(np.abs(vec))[::-1]
        if mags[0] - mags[1] <= 1e-6:
            stable = False
        if vec[int(np.argmax(np.abs(vec)))] < 0:
            vec = -vec
        comps.append(vec)
    lam3 = w[2] if d > 2 else 0.0
    if w[0] - w[1] <= 1e-3 * w[0] or w[1] - lam3 <= 1e-3 * w[0]:
        stable = False
    trace = math.fsum(np.diag(cov))
    ev = [float(w[0]), float(w[1])]
    case_part = {
        "fitted_rows": m,
        "mean": [float(x) for x in mu],
        "components": [[float(x) for x in vec] for vec in comps],
        "explained_variance": ev,
        "explained_variance_ratio": [x / trace if trace > 0 else None for x in ev],
        "stable": stable,
    }
    per_dataset = []
    for e in embs:
        coords = [[dot(u - mu, comps[0]), dot(u - mu, comps[1])] for u in e.u]
        per_dataset.append({"rows": list(e.index), "coords": coords, "explained_variance": ev})
    return case_part, per_dataset


# ---------------------------------------------------------------------- the cases

def compute_case(name, source, datasets, inline):
    """datasets: list of dicts name, role, texts, labels, vectors (real first)."""
    real = next((d for d in datasets if d["role"] == "real"), None)
    embs = [Embedded(d["vectors"], range(len(d["vectors"]))) for d in datasets]
    real_emb = embs[datasets.index(real)] if real is not None else None
    real_texts = None if real is None else {normalise_text(t) for t in real["texts"]}
    proj = projection(embs)
    out = []
    for d, emb in zip(datasets, embs):
        what = f"{name}:{d['name']}"
        metrics, nb = spread_metrics(emb, what)
        entry = {
            "name": d["name"],
            "role": d["role"],
            "rows": len(d["texts"]),
            "zero_vector_rows": len(d["texts"]) - emb.n,
            "near_duplicate_clusters": clusters(emb, nb),
        }
        if inline:
            entry.update(texts=d["texts"], labels=d["labels"], vectors=d["vectors"])
        if d["role"] == "real" or real is None:
            metrics["real_copy_rate"] = None
            metrics["real_exact_copy_rate"] = None
            entry["real_copies"] = None
        else:
            rate, copies = real_copies(emb, real_emb, what)
            metrics["real_copy_rate"] = rate
            entry["real_copies"] = copies
            metrics["real_exact_copy_rate"] = (
                None if not d["texts"]
                else sum(normalise_text(t) in real_texts for t in d["texts"]) / len(d["texts"]))
        entry["metrics"] = metrics
        labels = sorted({str(lab) for lab in d["labels"] if has_label(lab)})
        entry["per_label"] = {}
        for lab in labels:
            idx = [i for i, l in enumerate(d["labels"]) if has_label(l) and str(l) == lab]
            sub = Embedded([d["vectors"][i] for i in idx], idx)
            m, _ = spread_metrics(sub, f"{what} label {lab}")
            entry["per_label"][lab] = {"rows": len(idx), "zero_vector_rows": len(idx) - sub.n, **m}
        entry["projection"] = None if proj is None else proj[1][len(out)]
        out.append(entry)
        print_summary(what, entry)
    return {
        "name": name,
        "source": source,
        "projection": None if proj is None else proj[0],
        "datasets": out,
    }


def fmt(v):
    return "null" if v is None else (f"{v:.6f}" if isinstance(v, float) else str(v))


def print_summary(what, e):
    m = e["metrics"]
    print(f"{what}: rows={e['rows']} zero={e['zero_vector_rows']} rc={fmt(m['remote_clique'])} "
          f"ch={fmt(m['chamfer'])} vendi={fmt(m['vendi'])} nd={fmt(m['near_duplicate_rate'])} "
          f"clusters={[c['size'] for c in e['near_duplicate_clusters']]} "
          f"copy={fmt(m['real_copy_rate'])} exact={fmt(m['real_exact_copy_rate'])}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()

    from importlib.metadata import version
    vendi_version = version("vendi-score")
    if vendi_version != VENDI_PIN:
        print(f"warning: vendi-score {vendi_version} installed, golden values are pinned to {VENDI_PIN}",
              file=sys.stderr)

    cases = []
    name, files = FIXTURE_CASE
    datasets = []
    for dname, role, rel in files:
        texts, labels, vectors = read_jsonl(ROOT / rel)
        datasets.append({"name": dname, "role": role, "texts": texts, "labels": labels, "vectors": vectors})
    cases.append(compute_case(name, [rel for _, _, rel in files], datasets, inline=False))
    for name, datasets in INLINE_CASES:
        cases.append(compute_case(name, "inline", datasets, inline=True))

    out = {
        "reference": {
            "numpy": np.__version__,
            "vendi_score": vendi_version,
            "scipy": scipy.__version__,
            "scikit_learn": sklearn.__version__,
            "python": platform.python_version(),
        },
        "threshold": THRESHOLD,
        "cases": cases,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
