#!/usr/bin/env python3
"""Independent reference values for Assay's interpolated modified Kneser-Ney language model.

Purpose
-------
Computes the golden values that the Swift module ``LanguageModels`` (``NGramLanguageModel``) is tested
against.  Written from the formulas of Chen & Goodman (1998) and the rules in ``Metrics/perplexity.md``
with plain dicts of tuples and exact ``fractions.Fraction`` arithmetic; nothing here uses or mirrors
Assay's code (no trie, no packed keys).  The output is ``Fixtures/golden/language_model.json``.

Model
-----
* Sentences are lists of integer token ids.  Each is padded as ``<s>`` * (N - 1) + words + ``</s>``;
  every word and the final ``</s>`` is predicted.
* Highest order N: raw counts of the N-grams ending at predicted positions.  Each lower order n < N:
  continuation counts, c_n(g) = |{x : x + g is an (n + 1)-gram with a count}|.
* Discounts per order from the count-of-counts n1..n4 of that order's counts:
  Y = n1 / (n1 + 2 n2), D_k = k - (k + 1) Y n_{k+1} / n_k  (k = 1, 2, 3; D_3 applies to counts >= 3).
  Fallback: if any of n1..n4 is 0 or any D_k is not in the open interval (0, k), the order uses
  (1/2, 1, 3/2) (KenLM's --discount_fallback values).
* p_n(w | h) = max(c_n(h w) - D(c_n(h w)), 0) / c_n(h) + gamma_n(h) p_{n-1}(w | h[1:]) with
  c_n(h) = sum_w c_n(h w), gamma_n(h) = (D_1 N_1(h) + D_2 N_2(h) + D_3 N_3+(h)) / c_n(h); when
  c_n(h) = 0 the order passes p_{n-1} through.  p_0(w) = 1 / (|V| + 1), V = training words + </s>.
* Any id not in V is <unk> (in the predicted position and in histories).

Corpora: a hand-made tiny corpus (the worked example of the card), a corpus of repeated sentences,
and ~200 pseudo-random sentences from a seeded Markov chain over Zipf-distributed words.  Test rows
include training rows, unseen rows, rows with out-of-vocabulary ids and the empty row.

Run: ``python3 References/golden_language_model.py`` (Python 3.11, standard library only).
"""

import json
import math
import random
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

BOS, EOS, UNK = "<s>", "</s>", "<unk>"


def pad(sentence, order):
    return [BOS] * (order - 1) + list(sentence) + [EOS]


def discounts_from(counts):
    """Modified KN discounts (D1, D2, D3+) and whether the fallback was used."""
    nk = [sum(1 for c in counts.values() if c == k) for k in (1, 2, 3, 4)]
    fallback = (Fraction(1, 2), Fraction(1), Fraction(3, 2))
    if min(nk) == 0:
        return fallback, True
    n1, n2, n3, n4 = (Fraction(x) for x in nk)
    y = n1 / (n1 + 2 * n2)
    ds = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)
    if not all(0 < d < k for d, k in zip(ds, (1, 2, 3))):
        return fallback, True
    return ds, False


class Reference:
    def __init__(self, sentences, order):
        self.order = order
        self.vocab = {w for s in sentences for w in s} | {EOS}
        # counts[n] maps an n-gram tuple to its count at order n (1-based).
        counts = {order: defaultdict(int)}
        for s in sentences:
            p = pad(s, order)
            for i in range(order - 1, len(p)):
                counts[order][tuple(p[i - order + 1 : i + 1])] += 1
        for n in range(order - 1, 0, -1):
            counts[n] = defaultdict(int)
            for gram in counts[n + 1]:
                counts[n][gram[1:]] += 1
        self.counts = counts
        self.discounts = {}
        self.fallback = {}
        for n in range(1, order + 1):
            self.discounts[n], self.fallback[n] = discounts_from(counts[n])
        # Per history: total and N_1, N_2, N_3+.
        self.history = {}
        for n in range(1, order + 1):
            table = defaultdict(lambda: [0, 0, 0, 0])
            for gram, c in counts[n].items():
                entry = table[gram[:-1]]
                entry[0] += c
                entry[min(c, 3)] += 1
            self.history[n] = dict(table)

    def discount(self, n, c):
        if c == 0:
            return Fraction(0)
        return self.discounts[n][min(c, 3) - 1]

    def prob(self, word, history):
        """Exact probability of `word` after the (mapped) history tuple."""
        word = word if word in self.vocab else UNK
        history = tuple(h if (h in self.vocab or h == BOS) else UNK for h in history)
        history = history[max(0, len(history) - (self.order - 1)) :]
        p = Fraction(1, len(self.vocab) + 1)
        for n in range(1, len(history) + 2):
            h = history[len(history) - (n - 1) :] if n > 1 else ()
            stats = self.history[n].get(h)
            if stats is None:
                continue
            total, n1, n2, n3 = stats
            c = self.counts[n].get(h + (word,), 0)
            d1, d2, d3 = self.discounts[n]
            gamma = (d1 * n1 + d2 * n2 + d3 * n3) / total
            p = max(c - self.discount(n, c), 0) / Fraction(total) + gamma * p
        return p

    def row(self, sentence):
        p = pad(sentence, self.order)
        logs = [math.log(self.prob(p[i], tuple(p[:i]))) for i in range(self.order - 1, len(p))]
        return logs, math.exp(-sum(logs) / len(logs))


def zipf_corpus(seed=20231012, sentences=200, words=60):
    rng = random.Random(seed)
    weights = [1 / (r + 1) ** 1.1 for r in range(words)]
    rows = []
    for _ in range(sentences):
        length = rng.randint(0, 12)
        row = []
        prev = 0
        for _ in range(length):
            # A Markov chain: the next word is a Zipf draw shifted by the previous word.
            draw = rng.choices(range(words), weights)[0]
            w = (prev * 7 + draw) % words if rng.random() < 0.6 else draw
            row.append(10 + w)
            prev = w
        rows.append(row)
    return rows


def corpora():
    # the hand-worked example of Metrics/perplexity.md: "a b", "a c", "b a"  (a=1, b=2, c=3)
    tiny_train = [[1, 2], [1, 3], [2, 1]]
    tiny_test = [[1, 2], [2, 1, 3], [1, 9], [], [9, 9, 9], [3, 3, 2, 1]]
    repeated_train = [[5, 6, 7]] * 6 + [[5, 6, 8]] * 3 + [[7, 6, 5, 6, 7]] * 2 + [[8]] + [[]] * 2
    repeated_test = [[5, 6, 7], [5, 6, 8], [7, 6, 5, 6, 8], [], [5, 100, 7], [4294967295], [8, 8, 8, 8]]
    zipf = zipf_corpus()
    zipf_train, zipf_heldout = zipf[:180], zipf[180:]
    zipf_test = zipf_train[:5] + zipf_heldout + [[], [10, 11, 999, 12], [999, 998], list(range(10, 70))]
    return [
        ("tiny", tiny_train, tiny_test),
        ("repeated", repeated_train, repeated_test),
        ("zipf", zipf_train, zipf_test),
    ]


def main():
    out = {"generator": "References/golden_language_model.py (Python fractions, standard library)", "corpora": []}
    for name, train, test in corpora():
        cases = []
        for order in (3, 4, 5):
            model = Reference(train, order)
            rows = []
            for sentence in test:
                logs, ppl = model.row(sentence)
                rows.append({"tokens": sentence, "log_probabilities": logs, "perplexity": ppl})
            cases.append(
                {
                    "order": order,
                    "vocabulary_size": len(model.vocab),
                    "discounts": [[float(d) for d in model.discounts[n]] for n in range(1, order + 1)],
                    "fallback": [model.fallback[n] for n in range(1, order + 1)],
                    "rows": rows,
                }
            )
        out["corpora"].append({"name": name, "train": train, "cases": cases})
    path = Path(__file__).resolve().parent.parent / "Fixtures" / "golden" / "language_model.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")

    # Exact values of the worked example (order 3), for the card.
    model = Reference([[1, 2], [1, 3], [2, 1]], 3)
    for n in (1, 2, 3):
        print("order", n, "discounts", [str(d) for d in model.discounts[n]], "fallback", model.fallback[n])
        print("  counts", {k: v for k, v in sorted(model.counts[n].items(), key=str)})
    for word, hist in [(2, (BOS, 1)), (3, (BOS, 1)), (1, (BOS, BOS)), (EOS, (1, 2)), (2, (3, 1)), (9, (1, 2)),
                       (1, ()), (EOS, ()), (UNK, ())]:
        print("p(", word, "|", hist, ") =", model.prob(word, hist))


if __name__ == "__main__":
    main()
