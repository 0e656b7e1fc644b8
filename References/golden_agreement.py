#!/usr/bin/env python3
"""Independent reference values for Assay's inter-annotator agreement metrics.

Purpose
-------
Computes the golden values that Assay's Swift implementation of the agreement
metrics (Krippendorff's alpha, Fleiss' kappa, Cohen's kappa, percent agreement,
per-instance subjectivity and vote entropy) is tested against.  Nothing here
uses Assay's code: alpha comes from the PyPI package ``krippendorff``, Fleiss'
kappa from ``statsmodels``, Cohen's kappa from ``scikit-learn`` (checked against
``statsmodels``), everything else from plain Python (fractions / math.fsum).
Every alpha and kappa is also recomputed by hand with exact fractions and must
agree with the package to 1e-12.  The output is
``Fixtures/golden/agreement.json``.

Input model
-----------
A case is a list of units (rows); a unit is a list of rating strings, one per
rater.  Raters per unit may differ; a unit may have 0 or 1 rating.  Labels are
plain strings compared by code point ("1", "01" and "1.0" are three labels; no
Unicode normalisation - the inline labels are all NFC and no case holds two
canonically equivalent spellings).  n_u = number of ratings of unit u,
n_uc = how many of them are category c.  categories = sorted(set(all ratings of
the case)) (Python code-point order), K = len(categories).

Definitions
-----------
  krippendorff_alpha    nominal Krippendorff's alpha:
                          krippendorff.alpha(reliability_data=M,
                              level_of_measurement="nominal",
                              value_domain=list(range(K)))
                        M = float matrix (max n_u) x (units): unit j's ratings,
                        mapped to their index in `categories`, in rows
                        0..n_j-1 of column j, the rest NaN (nominal alpha
                        depends only on each unit's vote counts, so the slot
                        order does not matter).  Units with n_u < 2 contribute
                        nothing.  null (with a reason) where the package raises
                        (K < 2, or no unit with 2+ ratings) or returns NaN
                        (expected disagreement 0: every pairable rating is the
                        same category).
                        Hand check (exact fractions): coincidences
                          o_ck = sum over units with n_u >= 2 of
                                 n_uc (n_uk - [c == k]) / (n_u - 1),
                          n_c = sum_k o_ck, n = sum_c n_c,
                          alpha = 1 - (n - 1) (n - sum_c o_cc)
                                        / (n^2 - sum_c n_c^2)
                        (= 1 - D_o / D_e); must equal the package to 1e-12
                        and be undefined exactly where the package gives null.
  fleiss_kappa          statsmodels.stats.inter_rater.fleiss_kappa(table,
                        method="fleiss") on the units x K count table
                        (table[u][c] = n_uc) over the units with n_u >= 1,
                        ONLY when all those units have the same n >= 2.
                        Otherwise null with reason "raters per item differ"
                        (or "fewer than 2 ratings per item" when every rated
                        unit has exactly 1, "no rated units" when there are
                        none); null too when the package returns NaN (P_e = 1,
                        a single category).  Hand check (exact fractions):
                          P_u = sum_c n_uc (n_uc - 1) / (n (n - 1)),
                          p_c = sum_u n_uc / (N n), P_e = sum_c p_c^2,
                          kappa = (mean_u P_u - P_e) / (1 - P_e).
  percent_agreement     mean over units with n_u >= 2 of
                          sum_c n_uc (n_uc - 1) / (n_u (n_u - 1))
                        (the share of agreeing ordered rater pairs, Fleiss'
                        P_i), exact fractions; null when no unit has 2+.
  per unit (only units with n_u >= 2; null for the others)
    minority_share      1 - max_c n_uc / n_u (exact fraction; Li et al. 2023's
                        agreement, inverted).
    vote_entropy        -sum_c p_c ln p_c / ln K with p_c = n_uc / n_u (floats,
                        terms with n_uc = 0 left out, math.fsum), K = the CASE's
                        category count; 0 when K = 1 (0.0, never -0.0).
  instance_subjectivity_mean   mean of minority_share over units with n_u >= 2
                        (exact fraction); null when none.
  vote_entropy_mean     math.fsum of vote_entropy over units with n_u >= 2,
                        divided by their count; null when none.
  units_rated           number of units with n_u >= 2.
  ratings               total number of ratings.
  categories            the sorted category list.
  majority_label_agreement  (shared files only, informative) share of rows with
                        n_u >= 2 whose `label` field equals a most-frequent
                        rating of the row (ties: any of the tied ones); null
                        when no such row.
  cohen_kappa           (separate cases: two equal-length label lists a, b)
                        sklearn.metrics.cohen_kappa_score(a, b), unweighted,
                        labels = the union of both lists; null with reason
                        where sklearn gives NaN (both lists constant and equal:
                        p_e = 1).  Checked against
                        statsmodels.stats.inter_rater.cohens_kappa(table,
                        return_results=False) on the 2-way table over the
                        sorted union of labels, and against the exact-fraction
                        formula (p_o - p_e) / (1 - p_e); both to 1e-12.

Floats written are Python float reprs; exact fractions are converted with
float(Fraction) (correctly rounded).  Package floats are written as returned.

Cases
-----
  inline        small hand-picked cases, written with their units, all
                expected aggregates, per-unit lists and reasons for nulls;
                they include the Krippendorff (2011) "Computing
                Krippendorff's Alpha-Reliability" nominal example (4 coders x
                12 units, values 1-5 with missing, alpha = 0.743) and the
                Wikipedia Fleiss' kappa example (10 items x 14 raters, 5
                categories, kappa = 0.210), both asserted.
  cohen_kappa   label-list pairs, incl. the Wikipedia Cohen's kappa example
                (50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15,
                kappa = 0.4, asserted).
  shared        the ten multi-annotator files of the shared, research-only
                dataset folder (``../shared/datasets`` beside the repository,
                or ``$ASSAY_SHARED_DATASETS``), read at run time and never
                copied into the repository; aggregates only.  Each file is
                JSON Lines (blank lines skipped); one row = one unit; ratings
                = the row's ``annotators`` list: a JSON null element is a
                missing rating and is skipped, a JSON number becomes its
                spelling in the file ("1", "2.5"), a missing or null
                ``annotators`` field is a unit with 0 ratings.

Output layout
-------------
    {"reference": {"krippendorff", "statsmodels", "scikit_learn", "numpy",
                   "python"},
     "inline": [{"name", "units": [[str]],
                 "expected": {"krippendorff_alpha", "fleiss_kappa",
                              "percent_agreement",
                              "instance_subjectivity_mean",
                              "vote_entropy_mean", "units_rated", "ratings",
                              "categories"},
                 "per_unit": {"minority_share": [..], "vote_entropy": [..]},
                 "reasons": {key: str}}],          # only keys that are null
     "cohen_kappa": [{"name", "a", "b", "expected": {"cohen_kappa"},
                      "reasons": {...}}],
     "shared": [{"name", "path" (relative to the shared folder), "rows",
                 "expected": {...the aggregate keys above...,
                              "majority_label_agreement"},
                 "reasons": {...}}]}

How to run (from the repository root)
-------------------------------------
    pip install krippendorff==0.9.0 statsmodels==0.15.0 scikit-learn==1.9.1 numpy==2.4.6
    python3 References/golden_agreement.py                # everything (seconds)
    python3 References/golden_agreement.py --skip-shared  # inline + Cohen cases only

With ``--skip-shared`` the shared cases already in the output file are carried
over unchanged.  The output is deterministic (sorted keys, floats as Python
repr, ensure_ascii=False).

Packages and versions used for the committed file: Python 3.11.7,
krippendorff 0.9.0, statsmodels 0.15.0, scikit-learn 1.9.1, numpy 2.4.6
(recorded in the JSON under "reference").
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import os
import platform
import sys
import warnings
from collections import Counter
from fractions import Fraction
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "Fixtures" / "golden" / "agreement.json"
SHARED_DIR = Path(
    os.environ.get("ASSAY_SHARED_DATASETS", str(ROOT.parent / "shared" / "datasets"))
)
TOL = 1e-12

SHARED_FILES = [
    ("lewidi/armis", "lewidi_multiannotator/armis.jsonl"),
    ("lewidi/convabuse", "lewidi_multiannotator/convabuse.jsonl"),
    ("lewidi/csc_sarcasm", "lewidi_multiannotator/csc_sarcasm.jsonl"),
    ("lewidi/hs_brexit", "lewidi_multiannotator/hs_brexit.jsonl"),
    ("lewidi/md_agreement", "lewidi_multiannotator/md_agreement.jsonl"),
    ("lewidi/multipico_irony_en", "lewidi_multiannotator/multipico_irony_en.jsonl"),
    ("dynasent/dynasent_r1_dev", "dynasent_multiannotator/dynasent_r1_dev.jsonl"),
    ("dynasent/dynasent_r2_dev", "dynasent_multiannotator/dynasent_r2_dev.jsonl"),
    ("dynasent/sst_dev_revalidated", "dynasent_multiannotator/sst_dev_revalidated.jsonl"),
    ("popquorn/offensiveness", "popquorn_offensiveness/offensiveness.jsonl"),
]


# ------------------------------------------------------------------ inline cases

def _from_counts(rows, labels):
    """Units from a count table: row i -> labels[c] repeated rows[i][c] times."""
    return [[lab for lab, k in zip(labels, r) for _ in range(k)] for r in rows]


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers x 12 units, values 1-5, "." = missing.  Nominal alpha = 0.743.
_K2011 = [
    "1 2 3 3 2 1 4 1 2 . . .",  # observer A
    "1 2 3 3 2 2 4 1 2 5 . 3",  # observer B
    ". 3 3 3 2 3 4 2 2 5 1 .",  # observer C
    "1 2 3 3 2 4 4 1 2 5 1 .",  # observer D
]
K2011_UNITS = [
    [row.split()[j] for row in _K2011 if row.split()[j] != "."] for j in range(12)
]

# Wikipedia "Fleiss' kappa" worked example: 10 items, 14 raters, 5 categories.
WIKI_FLEISS_UNITS = _from_counts(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ],
    ["1", "2", "3", "4", "5"],
)

INLINE_CASES = [
    ("inline/perfect_agreement",
     [["pos", "pos", "pos"], ["neg", "neg", "neg"], ["pos", "pos", "pos"], ["neu", "neu", "neu"]]),
    ("inline/systematic_disagreement",
     [["a", "b"], ["b", "a"], ["a", "b"], ["b", "a"], ["a", "b"]]),
    ("inline/krippendorff_2011_nominal", K2011_UNITS),
    ("inline/wikipedia_fleiss_14_raters", WIKI_FLEISS_UNITS),
    ("inline/binary_four_raters",
     [["0", "0", "0", "0"], ["0", "0", "0", "1"], ["1", "1", "0", "0"], ["1", "1", "1", "1"],
      ["0", "1", "1", "1"], ["0", "0", "0", "0"]]),
    ("inline/empty_and_single_rating_units",
     [["x", "x", "y"], [], ["y"], ["x", "y"], ["x", "x"], [], ["z"], ["y", "y", "y", "x"]]),
    ("inline/raters_per_unit_differ",
     [["pos", "pos"], ["pos", "neg", "neg"], ["neu", "neu", "neu", "pos"],
      ["neg", "neg", "neg", "neg", "neg"], ["pos", "neu"]]),
    ("inline/three_categories_ties",
     [["a", "b", "c"], ["a", "a", "b", "b"], ["c", "c", "c"], ["a", "b", "c", "c", "b", "a"],
      ["b", "b", "a"]]),
    ("inline/non_ascii_labels",
     [["négatif", "négatif", "中立"], ["positif", "😀", "positif"], ["中立", "中立", "中立"],
      ["négatif", "positif", "😀"], ["😀", "😀", "positif"], ["Ångström", "négatif", "négatif"]]),
    ("inline/one_category_only",
     [["yes", "yes"], ["yes", "yes"], ["yes", "yes"]]),
    ("inline/one_category_mixed_raters",
     [["yes", "yes", "yes"], ["yes", "yes"], ["yes"], []]),
    ("inline/second_category_only_in_single_ratings",
     [["a", "a"], ["a", "a", "a"], ["b"], ["c"]]),
    ("inline/all_units_single_rating",
     [["a"], ["b"], ["a"], ["c"]]),
    ("inline/no_units", []),
    ("inline/only_empty_units", [[], [], []]),
    ("inline/two_units_two_raters",
     [["1", "2"], ["2", "2"]]),
]

# Cohen's kappa cases: (name, a, b)
COHEN_CASES = [
    ("cohen/perfect_agreement",
     ["x", "y", "z", "x", "y", "x"], ["x", "y", "z", "x", "y", "x"]),
    ("cohen/chance_level",
     ["a", "a", "b", "b"], ["a", "b", "a", "b"]),
    ("cohen/negative_total_disagreement",
     ["a", "b", "a", "b", "a"], ["b", "a", "b", "a", "b"]),
    ("cohen/negative_partial",
     ["a", "a", "a", "b", "b", "b"], ["a", "b", "b", "a", "a", "b"]),
    ("cohen/three_classes",
     ["cat", "dog", "bird", "cat", "dog", "bird", "cat", "cat", "dog", "bird"],
     ["cat", "dog", "cat", "cat", "bird", "bird", "cat", "dog", "dog", "bird"]),
    ("cohen/label_only_in_one_list",
     ["x", "x", "y", "z", "y", "x"], ["x", "y", "y", "y", "y", "x"]),
    ("cohen/wikipedia_yes_no_50",
     ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15,
     ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15),
    ("cohen/non_ascii_labels",
     ["négatif", "中立", "😀", "négatif", "中立", "😀", "négatif"],
     ["négatif", "中立", "中立", "négatif", "😀", "😀", "中立"]),
    ("cohen/both_constant_different",
     ["p", "p", "p"], ["q", "q", "q"]),
    ("cohen/both_constant_equal",
     ["p", "p", "p", "p"], ["p", "p", "p", "p"]),
]


# --------------------------------------------------------------------- helpers

def to_float(x):
    return None if x is None else float(x)


def check_close(name, what, package, hand):
    if package is None or hand is None:
        if (package is None) != (hand is None):
            raise SystemExit(f"{name}: {what}: package {package!r} vs hand {hand!r} (one undefined)")
        return
    if abs(package - float(hand)) > TOL:
        raise SystemExit(f"{name}: {what}: package {package!r} vs hand {float(hand)!r}")


def unit_counts(units, categories):
    index = {c: i for i, c in enumerate(categories)}
    counts = []
    for u in units:
        row = [0] * len(categories)
        for r in u:
            row[index[r]] += 1
        counts.append(row)
    return counts


# ------------------------------------------------------------- alpha (nominal)

def alpha_package(units, categories):
    """Returns (value, reason)."""
    K = len(categories)
    index = {c: i for i, c in enumerate(categories)}
    rows = max((len(u) for u in units), default=0)
    M = np.full((rows, len(units)), np.nan, dtype=np.float64)
    for j, u in enumerate(units):
        for i, r in enumerate(u):
            M[i, j] = index[r]
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = krippendorff.alpha(reliability_data=M, level_of_measurement="nominal",
                                   value_domain=list(range(K)))
    except ValueError as e:
        return None, f"krippendorff raised: {e}"
    a = float(a)
    if math.isnan(a):
        return None, "krippendorff returned NaN: expected disagreement is 0 (all pairable ratings are one category)"
    return a, None


def alpha_hand(counts):
    K = len(counts[0]) if counts else 0
    o = [[Fraction(0)] * K for _ in range(K)]
    for row in counts:
        m = sum(row)
        if m < 2:
            continue
        for c in range(K):
            if row[c] == 0:
                continue
            for k in range(K):
                pairs = row[c] * (row[k] - (1 if c == k else 0))
                if pairs:
                    o[c][k] += Fraction(pairs, m - 1)
    n_c = [sum(o[c]) for c in range(K)]
    n = sum(n_c)
    denom = n * n - sum(x * x for x in n_c)
    if n == 0 or denom == 0:
        return None
    return 1 - (n - 1) * (n - sum(o[c][c] for c in range(K))) / denom


# ---------------------------------------------------------------- Fleiss kappa

def fleiss_package(counts):
    rated = [r for r in counts if sum(r) >= 1]
    if not rated:
        return None, "no rated units"
    sizes = {sum(r) for r in rated}
    if len(sizes) > 1:
        return None, "raters per item differ"
    if sizes == {1}:
        return None, "fewer than 2 ratings per item"
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = float(fleiss_kappa(np.array(rated, dtype=np.float64), method="fleiss"))
    if math.isnan(k):
        return None, "statsmodels returned NaN: P_e = 1 (a single category)"
    return k, None


def fleiss_hand(counts):
    rated = [r for r in counts if sum(r) >= 1]
    sizes = {sum(r) for r in rated}
    if not rated or len(sizes) != 1 or sizes == {1}:
        return None
    n = sizes.pop()
    N = len(rated)
    K = len(rated[0])
    p_bar = sum(Fraction(sum(x * (x - 1) for x in r), n * (n - 1)) for r in rated) / N
    p_e = sum(Fraction(sum(r[c] for r in rated), N * n) ** 2 for c in range(K))
    if p_e == 1:
        return None
    return (p_bar - p_e) / (1 - p_e)


# -------------------------------------------------------------- per unit / case

def per_unit_values(counts, K):
    minority, entropy = [], []
    for row in counts:
        m = sum(row)
        if m < 2:
            minority.append(None)
            entropy.append(None)
            continue
        minority.append(Fraction(m - max(row), m))
        if K == 1:
            entropy.append(0.0)
        else:
            h = -math.fsum((x / m) * math.log(x / m) for x in row if x > 0)
            entropy.append(h / math.log(K) + 0.0)  # + 0.0: a unanimous unit gives 0.0, not -0.0
    return minority, entropy


def compute(name, units):
    ratings = sum(len(u) for u in units)
    categories = sorted({r for u in units for r in u})
    K = len(categories)
    counts = unit_counts(units, categories)

    alpha, alpha_reason = alpha_package(units, categories)
    check_close(name, "krippendorff_alpha", alpha, alpha_hand(counts))
    fk, fk_reason = fleiss_package(counts)
    check_close(name, "fleiss_kappa", fk, fleiss_hand(counts))

    minority, entropy = per_unit_values(counts, K)
    rated = [row for row in counts if sum(row) >= 2]
    units_rated = len(rated)
    reasons = {}
    if alpha is None:
        reasons["krippendorff_alpha"] = alpha_reason
    if fk is None:
        reasons["fleiss_kappa"] = fk_reason
    if units_rated:
        pa = sum(Fraction(sum(x * (x - 1) for x in r), sum(r) * (sum(r) - 1)) for r in rated) / units_rated
        subj = sum(m for m in minority if m is not None) / units_rated
        ent = math.fsum(e for e in entropy if e is not None) / units_rated
    else:
        pa = subj = ent = None
        for key in ("percent_agreement", "instance_subjectivity_mean", "vote_entropy_mean"):
            reasons[key] = "no unit with 2 or more ratings"
    expected = {
        "krippendorff_alpha": alpha,
        "fleiss_kappa": fk,
        "percent_agreement": to_float(pa),
        "instance_subjectivity_mean": to_float(subj),
        "vote_entropy_mean": ent,
        "units_rated": units_rated,
        "ratings": ratings,
        "categories": categories,
    }
    per_unit = {
        "minority_share": [to_float(m) for m in minority],
        "vote_entropy": entropy,
    }
    return expected, per_unit, reasons, counts


def fmt(v):
    return "null" if v is None else (f"{v:.6f}" if isinstance(v, float) else str(v))


def inline_cases():
    out = []
    for name, units in INLINE_CASES:
        expected, per_unit, reasons, _ = compute(name, units)
        out.append({"name": name, "units": units, "expected": expected,
                    "per_unit": per_unit, "reasons": reasons})
        print(f"{name}: alpha={fmt(expected['krippendorff_alpha'])} "
              f"fleiss={fmt(expected['fleiss_kappa'])} pa={fmt(expected['percent_agreement'])} "
              f"subj={fmt(expected['instance_subjectivity_mean'])} "
              f"ent={fmt(expected['vote_entropy_mean'])} units_rated={expected['units_rated']} "
              f"K={len(expected['categories'])}")
    by_name = {c["name"]: c["expected"] for c in out}
    # Published values.
    a = by_name["inline/krippendorff_2011_nominal"]["krippendorff_alpha"]
    if round(a, 3) != 0.743:
        raise SystemExit(f"Krippendorff 2011 nominal example: alpha {a} != 0.743")
    k = by_name["inline/wikipedia_fleiss_14_raters"]["fleiss_kappa"]
    if round(k, 3) != 0.210:
        raise SystemExit(f"Wikipedia Fleiss example: kappa {k} != 0.210")
    if by_name["inline/perfect_agreement"]["krippendorff_alpha"] != 1.0:
        raise SystemExit("perfect agreement: alpha != 1")
    if not by_name["inline/systematic_disagreement"]["krippendorff_alpha"] < 0:
        raise SystemExit("systematic disagreement: alpha not negative")
    return out


# ----------------------------------------------------------------- Cohen kappa

def cohen_hand(a, b):
    n = len(a)
    labels = sorted(set(a) | set(b))
    p_o = Fraction(sum(x == y for x, y in zip(a, b)), n)
    ca, cb = Counter(a), Counter(b)
    p_e = sum(Fraction(ca[l] * cb[l], n * n) for l in labels)
    if p_e == 1:
        return None
    return (p_o - p_e) / (1 - p_e)


def cohen_cases():
    out = []
    for name, a, b in COHEN_CASES:
        assert len(a) == len(b) and a
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            k = float(cohen_kappa_score(a, b))
            labels = sorted(set(a) | set(b))
            idx = {l: i for i, l in enumerate(labels)}
            table = np.zeros((len(labels), len(labels)))
            for x, y in zip(a, b):
                table[idx[x], idx[y]] += 1
            k_sm = float(cohens_kappa(table, return_results=False))
        reasons = {}
        if math.isnan(k):
            k = None
            reasons["cohen_kappa"] = "scikit-learn returned NaN: p_e = 1 (both lists constant and equal)"
        else:
            if math.isnan(k_sm) or abs(k - k_sm) > TOL:
                raise SystemExit(f"{name}: sklearn {k!r} vs statsmodels {k_sm!r}")
        check_close(name, "cohen_kappa", k, cohen_hand(a, b))
        out.append({"name": name, "a": a, "b": b, "expected": {"cohen_kappa": k}, "reasons": reasons})
        print(f"{name}: kappa={fmt(k)}")
    wiki = next(c for c in out if c["name"] == "cohen/wikipedia_yes_no_50")["expected"]["cohen_kappa"]
    if abs(wiki - 0.4) > TOL:
        raise SystemExit(f"Wikipedia Cohen example: kappa {wiki} != 0.4")
    return out


# ---------------------------------------------------------------- shared files

class _Num(str):
    """A JSON number kept as its spelling in the file."""


def _rating(x, where):
    if isinstance(x, _Num):
        return str.__str__(x)
    if isinstance(x, str):
        return x
    raise SystemExit(f"{where}: annotators: unsupported element {x!r}")


def read_units(path: Path):
    units, labels = [], []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line, parse_int=_Num, parse_float=_Num)
            ann = obj.get("annotators")
            where = f"{path}:{lineno}"
            units.append([] if ann is None else [_rating(x, where) for x in ann if x is not None])
            lab = obj.get("label")
            labels.append(_rating(lab, where) if lab is not None else None)
    return units, labels


def shared_cases():
    out = []
    for name, rel in SHARED_FILES:
        path = SHARED_DIR / rel
        if not path.is_file():
            raise SystemExit(f"error: shared dataset missing: {path} (set ASSAY_SHARED_DATASETS)")
        units, labels = read_units(path)
        expected, _, reasons, counts = compute(name, units)
        categories = expected["categories"]
        hits = rated = 0
        for row, lab in zip(counts, labels):
            if sum(row) < 2:
                continue
            rated += 1
            top = max(row)
            if lab is not None and lab in categories and row[categories.index(lab)] == top:
                hits += 1
        expected["majority_label_agreement"] = to_float(Fraction(hits, rated)) if rated else None
        if not rated:
            reasons["majority_label_agreement"] = "no unit with 2 or more ratings"
        out.append({"name": name, "path": rel, "rows": len(units), "expected": expected,
                    "reasons": reasons})
    return out


def print_shared_table(cases):
    print()
    print("| file | rows | units_rated | krippendorff_alpha | fleiss_kappa | percent_agreement "
          "| instance_subjectivity_mean |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c in cases:
        e = c["expected"]
        fk = fmt(e["fleiss_kappa"]) if e["fleiss_kappa"] is not None else \
            f"null ({c['reasons']['fleiss_kappa']})"
        print(f"| {c['name']} | {c['rows']} | {e['units_rated']} | {fmt(e['krippendorff_alpha'])} "
              f"| {fk} | {fmt(e['percent_agreement'])} | {fmt(e['instance_subjectivity_mean'])} |")


# ------------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skip-shared", action="store_true",
                    help="compute inline + Cohen cases only; carry shared cases over from the output file")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()

    inline = inline_cases()
    cohen = cohen_cases()
    if args.skip_shared:
        shared = []
        if args.output.is_file():
            shared = json.loads(args.output.read_text(encoding="utf-8")).get("shared", [])
            print(f"(carried over {len(shared)} shared cases from {args.output})")
    else:
        shared = shared_cases()
    if shared:
        print_shared_table(shared)

    version = importlib.metadata.version
    out = {
        "reference": {
            "krippendorff": version("krippendorff"),
            "statsmodels": version("statsmodels"),
            "scikit_learn": version("scikit-learn"),
            "numpy": version("numpy"),
            "python": platform.python_version(),
        },
        "inline": inline,
        "cohen_kappa": cohen,
        "shared": shared,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {args.output} ({len(inline)} inline, {len(cohen)} Cohen, {len(shared)} shared cases)")


if __name__ == "__main__":
    sys.exit(main())
