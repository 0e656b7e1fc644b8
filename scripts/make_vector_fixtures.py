#!/usr/bin/env python3
"""Generate the small vector fixtures in Fixtures/vectors/ (seeded, deterministic).

Writes three JSON Lines files, one row per line as
``{"text": str, "label": str|null, "vec": [16 floats]}``:

  real.jsonl           60 rows, three labelled clusters (positive / negative /
                       neutral, 20 each) with noise and random vector lengths.
  gen_spread.jsonl     40 rows, varied: the three real clusters with more
                       noise plus random directions; one row without label
                       (null) and one with label "".
  gen_collapsed.jsonl  40 rows: four near-duplicate groups (pairwise cosine
                       well above 0.95), exact copies of real rows (vector AND
                       text; one real row copied twice), two near-copies of
                       real rows, one row whose text equals a real text up to
                       case / spacing (vector unrelated), one zero vector and
                       rows labelled "mixed" (not a real label).

Texts are short sentences invented here from small word lists (café reviews);
no text comes from any dataset.  The vectors are not embeddings of the texts.

Vectors are rounded to 6 decimals before they are checked and written, and the
checks run on exactly the written values.  A candidate file set is redrawn
(same generator, next draws) until, with threshold t = 0.95 and margin 1e-4:
  * for every row, in its own set and against real.jsonl, the best cosine
    similarity is at least 1e-4 away from t, and every other candidate within
    1e-4 of the best has a vector identical to the best one's (so Float32
    arithmetic picks the same nearest neighbour; ties are exact duplicates);
  * the same threshold margin holds inside each label subset.

How to run (from the repository root; numpy is the only dependency):
    python3 scripts/make_vector_fixtures.py
Same bytes on every run (seed 20261122).  Regenerate the golden values
afterwards with References/golden_embedding.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures" / "vectors"
SEED = 20261122
D = 16
T = 0.95
MARGIN = 1e-4

ITEMS = [
    "croissant", "flat white", "lemon tart", "oat latte", "sourdough loaf",
    "cinnamon bun", "pot of tea", "almond cake", "espresso", "spinach quiche",
    "hot chocolate", "berry scone", "brunch plate", "cheese toastie", "banana bread",
]
ADJ = {
    "positive": ["lovely", "fresh", "delicious", "warm", "excellent", "generous", "perfect"],
    "negative": ["stale", "cold", "burnt", "overpriced", "soggy", "bland", "dry"],
    "neutral": ["fine", "ordinary", "okay", "average", "standard", "plain", "acceptable"],
}
REAL_TEMPLATES = {
    "positive": [
        "The {item} was {adj} and I will come back.",
        "Really {adj} {item} this morning.",
        "Loved the {item}, it was {adj}.",
        "Our {item} was {adj} and the service was quick.",
    ],
    "negative": [
        "The {item} was {adj} and nobody apologised.",
        "Sadly the {item} was {adj} again.",
        "Paid far too much for a {adj} {item}.",
        "My {item} arrived {adj} after twenty minutes.",
    ],
    "neutral": [
        "The {item} was {adj}, nothing special.",
        "Ordered the {item}; it was {adj}.",
        "A {adj} {item} on a quiet Tuesday.",
        "The {item} tasted {adj} for the price.",
    ],
}
GEN_TEMPLATES = {
    "positive": [
        "What a {adj} {item}, truly a delight!",
        "I enjoyed a {adj} {item} in a cosy corner.",
        "This cafe serves a {adj} {item} every single day.",
    ],
    "negative": [
        "Unfortunately, the {item} was {adj} and disappointing.",
        "I expected more, but the {item} was {adj}.",
        "The {item} was {adj}, which ruined my visit.",
    ],
    "neutral": [
        "The {item} was {adj}, neither good nor bad.",
        "Overall, a {adj} {item} and a calm room.",
        "I had a {adj} {item} while reading.",
    ],
}
LABELS = ["positive", "negative", "neutral"]


def unit(v):
    return v / np.linalg.norm(v)


def rounded(v):
    return [round(float(x), 6) for x in v]


class Texts:
    """Draws distinct invented sentences."""

    def __init__(self, rng, templates):
        self.rng, self.templates, self.used = rng, templates, set()

    def draw(self, label):
        while True:
            tpl = self.templates[label][self.rng.integers(len(self.templates[label]))]
            text = tpl.format(item=ITEMS[self.rng.integers(len(ITEMS))],
                              adj=ADJ[label][self.rng.integers(len(ADJ[label]))])
            text = re.sub(r"\b([Aa]) ([aeiou])", r"\1n \2", text)  # "a okay" -> "an okay"
            text = text[0].upper() + text[1:]
            if text not in self.used:
                self.used.add(text)
                return text


def noisy(rng, centre, sigma):
    """centre + isotropic noise, times a random length in [0.5, 3)."""
    v = centre + rng.normal(scale=sigma, size=D)
    return v * rng.uniform(0.5, 3.0)


def make_real(rng, centres):
    texts = Texts(rng, REAL_TEMPLATES)
    rows = []
    for k in range(60):
        label = LABELS[k % 3]
        rows.append({"text": texts.draw(label), "label": label,
                     "vec": rounded(noisy(rng, centres[label], 0.2))})
    return rows


def make_spread(rng, centres):
    texts = Texts(rng, GEN_TEMPLATES)
    rows = []
    for k in range(40):
        label = LABELS[k % 3]
        if k % 4 == 3:
            vec = rng.normal(size=D) * rng.uniform(0.5, 3.0)  # a random direction
        else:
            vec = noisy(rng, centres[label], 0.3)
        rows.append({"text": texts.draw(label), "label": label, "vec": rounded(vec)})
    rows[17]["label"] = None
    rows[29]["label"] = ""
    return rows


def make_collapsed(rng, centres, real):
    texts = Texts(rng, GEN_TEMPLATES)
    rows = []
    # Four near-duplicate groups: sizes 6, 5, 4, 3 (the last one labelled "mixed"
    # for two rows), tight noise around a centre.
    groups = [(6, "positive"), (5, "negative"), (4, "neutral"), (3, "positive")]
    for size, label in groups:
        centre = unit(rng.normal(size=D))
        for _ in range(size):
            rows.append({"text": texts.draw(label), "label": label,
                         "vec": rounded(noisy(rng, centre, 0.025))})
    rows[-1]["label"] = "mixed"
    rows[-2]["label"] = "mixed"
    # Exact copies of real rows (text and vector); real row 4 twice.
    for r in (4, 4, 23, 41):
        rows.append(dict(real[r]))
    # Near-copies of real rows: new text, vector close to the real one.
    for r in (10, 35):
        base = np.array(real[r]["vec"])
        vec = base + rng.normal(scale=0.03 * np.linalg.norm(base) / np.sqrt(D), size=D)
        rows.append({"text": texts.draw(real[r]["label"]), "label": real[r]["label"], "vec": rounded(vec)})
    # A real text up to case and spacing, with an unrelated vector.
    rows.append({"text": "  " + real[7]["text"].upper().replace(" ", "   ", 1),
                 "label": real[7]["label"], "vec": rounded(noisy(rng, centres[real[7]["label"]], 0.3))})
    # One zero vector.
    rows.append({"text": "No opinion about the pot of tea.", "label": "neutral", "vec": [0.0] * D})
    # The rest: ordinary rows around the real centres.
    while len(rows) < 40:
        label = LABELS[len(rows) % 3]
        rows.append({"text": texts.draw(label), "label": label,
                     "vec": rounded(noisy(rng, centres[label], 0.25))})
    order = rng.permutation(len(rows))
    return [rows[i] for i in order]


# ----------------------------------------------------------------------- checks

def matrix(rows):
    x = np.array([r["vec"] for r in rows], dtype=np.float64)
    keep = np.linalg.norm(x, axis=1) > 0
    return x[keep], keep


def ok_neighbours(xa, xb, same):
    """Threshold margin and no near-ties (except identical vectors)."""
    if len(xa) == 0 or len(xb) - (1 if same else 0) <= 0:
        return True
    ua = xa / np.linalg.norm(xa, axis=1, keepdims=True)
    ub = xb / np.linalg.norm(xb, axis=1, keepdims=True)
    s = ua @ ub.T
    if same:
        np.fill_diagonal(s, -np.inf)
    for i in range(len(ua)):
        j1 = int(np.argmax(s[i]))
        best = s[i, j1]
        if abs(best - T) <= MARGIN:
            return False
        for j in np.nonzero(s[i] >= best - MARGIN)[0]:
            if not np.array_equal(xb[j], xb[j1]):
                return False
    return True


def ok_margin(x):
    if len(x) < 2:
        return True
    u = x / np.linalg.norm(x, axis=1, keepdims=True)
    s = u @ u.T
    np.fill_diagonal(s, -np.inf)
    return bool(np.all(np.abs(s.max(axis=1) - T) > MARGIN))


def acceptable(real, sets):
    xr, _ = matrix(real)
    if not ok_neighbours(xr, xr, True):
        return False
    for rows in [real] + sets:
        x, _ = matrix(rows)
        if not ok_neighbours(x, x, True) or not ok_neighbours(x, xr, False):
            return False
        for lab in {r["label"] for r in rows if r["label"]}:
            xs, _ = matrix([r for r in rows if r["label"] == lab])
            if not ok_margin(xs):
                return False
    return True


def main():
    rng = np.random.default_rng(SEED)
    centres = {lab: unit(rng.normal(size=D)) for lab in LABELS}
    real = make_real(rng, centres)
    while not acceptable(real, []):
        real = make_real(rng, centres)
    attempts = 0
    while True:
        attempts += 1
        spread = make_spread(rng, centres)
        collapsed = make_collapsed(rng, centres, real)
        if acceptable(real, [spread, collapsed]):
            break
    for name, rows in (("real", real), ("gen_spread", spread), ("gen_collapsed", collapsed)):
        path = OUT / f"{name}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"text": r["text"], "label": r["label"], "vec": r["vec"]},
                                   ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)} ({len(rows)} rows, {path.stat().st_size} bytes)")
    print(f"({attempts} draw(s) of the synthetic sets)")


if __name__ == "__main__":
    main()
