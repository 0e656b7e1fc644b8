#!/usr/bin/env python3
"""Independent reference values for Assay's distribution distances.

Purpose
-------
Computes the golden values that the Swift module ``DistributionDistances``
(Wasserstein-1, two-sample Kolmogorov-Smirnov, Jensen-Shannon divergence,
vocabulary overlap) is tested against.  Nothing here uses Assay's code: the
numeric distances come from SciPy, the vocabulary overlap from plain Python
sets.  The output is ``Fixtures/golden/distribution_distances.json``.

Definitions
-----------
  wasserstein           scipy.stats.wasserstein_distance(a, b): the 1-D
                        Wasserstein-1 distance between the empirical
                        distributions, sum_k |F_a(z_k) - F_b(z_k)| (z_{k+1} - z_k)
                        over the sorted pooled values z (right-continuous
                        empirical CDFs).
  ks_statistic,         scipy.stats.ks_2samp(a, b, method="asymp"): D =
  ks_pvalue             sup |F_a - F_b| over the pooled values, and the
                        two-sided p-value kstwo.sf(D, round(m n / (m + n)))
                        with m >= n the sample sizes (round half to even).
                        null when SciPy's p-value is NaN (both samples of size
                        1: round(0.5) = 0).
  kstwo_sf              scipy.stats.kstwo.sf(x, n) on a grid of (n, x) that
                        reaches every branch of SciPy's ``_kolmogn`` (Ruben-
                        Gambino, 2 * smirnov, Durbin matrix, Pomeranz,
                        Pelz-Good), so the p-value port is checked branch by
                        branch.
  jensen_shannon        scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2
                        on the count vectors over the sorted union of keys (a
                        key missing on one side counts 0): the JS divergence in
                        bits, in [0, 1].
  jaccard               |set(synthetic) & set(real)| / |set(synthetic) | set(real)|
                        (token types), fractions.Fraction then float.
  oov_rate              share of token occurrences of `synthetic` whose type is
                        not in set(real), Fraction then float.
  noise_floor_split     the halves of range(count) for a seed, from a plain
                        Python transcription of SplitMix64 (Steele, Lea & Flood
                        2014; index(below: b) = (next() * b) >> 64) and the
                        Fisher-Yates loop: for i = count-1 down to 1,
                        j = index(below: i + 1), swap i and j; a = the first
                        count // 2 shuffled indices, b = the rest.

Cases
-----
Numeric pairs (a, b): ties, different sizes, identical samples (W = D = 0,
p = 1), disjoint supports (D = 1), one-element samples, integer token lengths
(the real use case; a seeded numpy generator, Generator(PCG64(seed))), negative
and fractional values.  Count pairs: proportional counts (JS = 0), keys missing
on one side, disjoint keys (JS = 1), zero counts.  Vocabulary pairs: identical,
disjoint, partial overlap with repeated tokens, unicode tokens.

Output layout
-------------
    {"reference": {"python", "numpy", "scipy"},
     "numeric": [{"name", "a", "b", "wasserstein", "ks_statistic", "ks_pvalue"}],
     "kstwo_sf": [{"n", "x", "sf"}],
     "counts": [{"name", "p", "q", "jensen_shannon"}],
     "vocabulary": [{"name", "synthetic", "real", "jaccard", "oov_rate"}],
     "noise_floor_split": [{"count", "seed", "a", "b"}]}

How to run (from the repository root)
-------------------------------------
    pip install scipy==1.17.1 numpy==2.4.6
    python3 References/golden_distances.py

The output is deterministic (sorted keys, floats as Python repr,
ensure_ascii=False).  Packages and versions used for the committed file:
Python 3.11.7, numpy 2.4.6, scipy 1.17.1 (recorded under "reference").
"""

from __future__ import annotations

import importlib.metadata
import json
import math
import platform
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, kstwo, wasserstein_distance

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Fixtures" / "golden" / "distribution_distances.json"


def token_lengths(seed, size, mean):
    rng = np.random.Generator(np.random.PCG64(seed))
    return [int(v) for v in rng.poisson(mean, size) + 1]


NUMERIC = [
    ("identical", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
    ("identical_shuffled_with_ties", [3, 1, 2, 2, 5], [2, 5, 1, 3, 2]),
    ("shift_by_one", [0, 1, 2, 3, 4], [1, 2, 3, 4, 5]),
    ("ties_both_sides", [1, 1, 1, 2, 2, 3], [1, 2, 2, 2, 3, 3, 3]),
    ("different_sizes", [0.5, 1.5, 2.5], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
    ("disjoint_supports", [1, 2, 3], [10, 11, 12, 13]),
    ("one_element_each", [2.0], [5.0]),
    ("one_vs_many", [2.0], [1.0, 2.0, 3.0, 4.0]),
    ("negative_and_fractional", [-1.5, -0.25, 0.0, 0.125, 3.75], [-2.0, -0.25, 0.5, 1.0]),
    ("interleaved", [0, 2, 4, 6, 8, 10], [1, 3, 5, 7, 9, 11]),
    ("token_lengths_small", token_lengths(1, 40, 12), token_lengths(2, 35, 14)),
    ("token_lengths_same_population", token_lengths(3, 300, 20), token_lengths(4, 250, 20)),
    ("token_lengths_shifted", token_lengths(5, 500, 20), token_lengths(6, 400, 24)),
    ("token_lengths_large_unequal", token_lengths(7, 2000, 30), token_lengths(8, 700, 31)),
    ("token_lengths_far_apart", token_lengths(9, 150, 10), token_lengths(10, 160, 40)),
    ("near_one_minus_one_over_n", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [9.5, 10.5, 11, 12, 13, 14, 15, 16, 17, 18]),
]

# (n, x) pairs reaching every branch of scipy.stats._ksstats._kolmogn.
KSTWO_GRID = [
    (1, 0.3), (1, 0.75), (2, 0.3), (2, 0.6), (5, 0.15), (5, 0.19), (5, 0.25), (5, 0.5), (5, 0.85),
    (10, 0.08), (10, 0.15), (10, 0.2), (10, 0.27), (10, 0.35), (10, 0.45), (10, 0.55), (10, 0.7),
    (25, 0.1), (25, 0.17), (25, 0.25), (25, 0.33), (25, 0.41),
    (60, 0.05), (60, 0.1), (60, 0.15), (60, 0.22), (60, 0.3),
    (140, 0.005), (140, 0.05), (140, 0.07), (140, 0.1), (140, 0.15), (140, 0.2),
    (141, 0.005), (141, 0.05), (141, 0.1), (141, 0.13), (141, 0.2), (141, 0.6),
    (300, 0.02), (300, 0.05), (300, 0.08), (300, 0.1), (300, 0.15),
    (1000, 0.0009), (1000, 0.01), (1000, 0.02), (1000, 0.03), (1000, 0.05), (1000, 0.07),
    (5000, 0.005), (5000, 0.01), (5000, 0.02), (5000, 0.03),
    (150000, 0.001), (150000, 0.003), (150000, 0.004),
]

COUNTS = [
    ("proportional", {"a": 2, "b": 4, "c": 6}, {"a": 1, "b": 2, "c": 3}),
    ("identical", {"pos": 5, "neg": 5}, {"pos": 5, "neg": 5}),
    ("disjoint", {"pos": 3, "neg": 1}, {"neutral": 7}),
    ("key_missing_on_one_side", {"pos": 10, "neg": 5, "neu": 5}, {"pos": 12, "neg": 8}),
    ("skewed", {"pos": 90, "neg": 10}, {"pos": 50, "neg": 50}),
    ("zero_count_key", {"pos": 4, "neg": 0, "neu": 2}, {"pos": 1, "neg": 3}),
    ("many_labels", {"l%d" % i: i + 1 for i in range(12)}, {"l%d" % i: 15 - i for i in range(3, 15)}),
    ("unicode_keys", {"négatif": 3, "中立": 2, "😀": 1}, {"négatif": 1, "中立": 2, "😀": 4}),
]

VOCABULARY = [
    ("identical", "the cat sat on the mat".split(), "the mat the cat sat on".split()),
    ("disjoint", "alpha beta gamma".split(), "delta epsilon".split()),
    ("partial_with_repeats",
     "the movie was great great great and the plot was fun".split(),
     "the film was good and the plot was slow".split()),
    ("synthetic_subset", "a a a b".split(), "a b c d e".split()),
    ("unicode", ["café", "naïve", "日本", "😀", "café"], ["cafe", "naïve", "日本"]),
    ("single_tokens", ["x"], ["y"]),
]


MASK64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def index_below(self, bound):
        return (self.next() * bound) >> 64


def noise_floor_split(count, seed):
    generator = SplitMix64(seed)
    indices = list(range(count))
    for i in range(count - 1, 0, -1):
        j = generator.index_below(i + 1)
        indices[i], indices[j] = indices[j], indices[i]
    return {"count": count, "seed": seed, "a": indices[: count // 2], "b": indices[count // 2:]}


SPLITS = [(10, 2023), (11, 0), (1, 5), (2, 18446744073709551615), (37, 20231012)]


def to_float(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def numeric_case(name, a, b):
    result = ks_2samp(a, b, method="asymp")
    return {
        "name": name, "a": [float(v) for v in a], "b": [float(v) for v in b],
        "wasserstein": float(wasserstein_distance(a, b)),
        "ks_statistic": float(result.statistic),
        "ks_pvalue": to_float(float(result.pvalue)),
    }


def counts_case(name, p, q):
    keys = sorted(set(p) | set(q))
    pv = np.array([p.get(k, 0) for k in keys], dtype=float)
    qv = np.array([q.get(k, 0) for k in keys], dtype=float)
    js = float(jensenshannon(pv, qv, base=2)) ** 2
    return {"name": name, "p": p, "q": q, "jensen_shannon": js}


def vocabulary_case(name, synthetic, real):
    vs, vr = set(synthetic), set(real)
    jaccard = Fraction(len(vs & vr), len(vs | vr))
    oov = Fraction(sum(1 for t in synthetic if t not in vr), len(synthetic))
    return {"name": name, "synthetic": synthetic, "real": real,
            "jaccard": float(jaccard), "oov_rate": float(oov)}


def main():
    out = {
        "reference": {
            "python": platform.python_version(),
            "numpy": importlib.metadata.version("numpy"),
            "scipy": importlib.metadata.version("scipy"),
        },
        "numeric": [numeric_case(*c) for c in NUMERIC],
        "kstwo_sf": [{"n": n, "x": x, "sf": float(kstwo.sf(x, n))} for n, x in KSTWO_GRID],
        "counts": [counts_case(*c) for c in COUNTS],
        "vocabulary": [vocabulary_case(*c) for c in VOCABULARY],
        "noise_floor_split": [noise_floor_split(*c) for c in SPLITS],
    }
    # Sanity checks of the definitions.
    by_name = {c["name"]: c for c in out["numeric"]}
    assert by_name["identical"]["wasserstein"] == 0 and by_name["identical"]["ks_pvalue"] == 1
    assert by_name["disjoint_supports"]["ks_statistic"] == 1
    assert by_name["one_element_each"]["ks_pvalue"] is None
    js = {c["name"]: c["jensen_shannon"] for c in out["counts"]}
    assert abs(js["disjoint"] - 1) < 1e-15 and abs(js["proportional"]) < 1e-15
    OUTPUT.write_text(json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(out['numeric'])} numeric, {len(out['kstwo_sf'])} kstwo, "
          f"{len(out['counts'])} count, {len(out['vocabulary'])} vocabulary cases")


if __name__ == "__main__":
    main()
