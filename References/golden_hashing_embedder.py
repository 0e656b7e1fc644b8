#!/usr/bin/env python3
"""Golden vectors for the hashing embedder, written from Metrics/hashing-embedder.md.

An independent re-implementation of the card in plain Python + numpy (not a translation of the
Swift code). Its tokenizer follows Metrics/tokenization.md for the inputs used here: ASCII and
Latin-1 text with words, numbers, apostrophes, punctuation, mentions and hashtags (no URLs, no
emoji, no CJK; the script refuses texts outside that range).

Writes Fixtures/golden/hashing_embedder.json:
  {"generator": ..., "tolerance": 1e-6,
   "cases": [{"dimension": d, "identity": ..., "texts": [...],
              "vectors": [{"index": value, ...}, ...]}]}
Vectors are sparse: only non-zero elements, keyed by the element index as a string.

Usage: python3 References/golden_hashing_embedder.py  (numpy 2.x, Python 3.11)
"""

import json
import math
import pathlib
import unicodedata

import numpy as np

MASK = (1 << 64) - 1
SHARES = {"u": 0.5, "b": 0.2, "c": 0.3}
ORDERS = (3, 4, 5)


# --- tokenizer (Metrics/tokenization.md, `default`) restricted to ASCII and Latin-1 -------------

def normalise(text):
    """NFKC, per-scalar lower case, U+2019 -> ', drop format characters (Cf)."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch == "\u2019":
            out.append("'")
        elif unicodedata.category(ch) == "Cf" and ch not in "\u200b\u200c\u200d":
            continue
        else:
            out.append(ch.lower())  # one scalar at a time: no context
    return "".join(out)


def kind(ch):
    cat = unicodedata.category(ch)
    if ch.isspace() or cat in ("Zs", "Zl", "Zp", "Cc") or ch == "\u200b":
        return "sep"
    if cat.startswith("L"):
        return "letter"
    if cat == "Nd":
        return "digit"
    if cat.startswith("N"):
        return "number"
    if cat.startswith("M"):
        return "mark"
    if ch == "_":
        return "underscore"
    if ch == "'":
        return "apostrophe"
    return "other"


def is_word(k):
    return k in ("letter", "digit", "number", "mark", "underscore")


def tokenize(text):
    for ch in text:
        if ord(ch) > 0xFF and ch != "\u2019":
            raise ValueError(f"outside ASCII/Latin-1: {text!r}")
    low = text.lower()
    if "http://" in low or "https://" in low or "www." in low:
        raise ValueError(f"URLs are not covered: {text!r}")
    s = normalise(text)
    tokens = []
    i, n = 0, len(s)
    previous_is_word = False
    while i < n:
        k = kind(s[i])
        if k == "sep":
            i += 1
            previous_is_word = False
            continue
        # mention / hashtag: sigil not after a word character, directly before one
        if s[i] in "@#" and not previous_is_word and i + 1 < n and is_word(kind(s[i + 1])):
            j = i + 1
            while j < n and is_word(kind(s[j])):
                j += 1
            tokens.append(s[i:j])
            i = j
            previous_is_word = True
            continue
        if is_word(k):
            j = i + 1
            last = k
            while j < n:
                kj = kind(s[j])
                if is_word(kj):
                    last = kj
                    j += 1
                elif kj == "apostrophe" and last in ("letter", "mark") and j + 1 < n and kind(s[j + 1]) == "letter":
                    last = "letter"
                    j += 2
                elif s[j] in ".," and last == "digit" and j + 1 < n and kind(s[j + 1]) == "digit":
                    last = "digit"
                    j += 2
                else:
                    break
            tokens.append(s[i:j])
            i = j
            previous_is_word = True
            continue
        # any other scalar, with the combining marks that follow it
        j = i + 1
        while j < n and kind(s[j]) == "mark":
            j += 1
        tokens.append(s[i:j])
        i = j
        previous_is_word = False
    return tokens


# --- the embedder (Metrics/hashing-embedder.md) -------------------------------------------------

def key_hash(key):
    """FNV-1a 64 over the key's UTF-8 bytes, then the SplitMix64 finaliser."""
    h = 0xCBF29CE484222325
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & MASK
    z = h
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def features(tokens):
    """Key -> term frequency, per family."""
    families = {"u": {}, "b": {}, "c": {}}

    def count(family, key):
        families[family][key] = families[family].get(key, 0) + 1

    for t in tokens:
        count("u", "u:" + t)
        marked = "<" + t + ">"
        for order in ORDERS:
            for start in range(len(marked) - order + 1):
                count("c", "c:" + marked[start:start + order])
    for first, second in zip(tokens, tokens[1:]):
        count("b", "b:" + first + " " + second)
    return families


def embed(text, dimension):
    v = np.zeros(dimension, dtype=np.float64)
    for family, counts in features(tokenize(text)).items():
        if not counts:
            continue
        weights = {key: 1.0 + math.log(tf) for key, tf in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        for key, w in weights.items():
            h = key_hash(key)
            sign = 1.0 if (h >> 63) == 0 else -1.0
            v[h % dimension] += sign * math.sqrt(SHARES[family]) * w / norm
    length = np.linalg.norm(v)
    if length > 0:
        v = v / length
    return v


def identity(dimension):
    return (f"hashing-v1(dim={dimension},tokenizer=default,unigram=0.5,bigram=0.2,char=3-5:0.3,"
            "tf=1+ln,hash=fnv1a64+splitmix64)")


TEXTS = [
    "Cat cat!",
    "the cat sat on the mat",
    "The cat sat on the mat.",
    "a",
    "!!!",
    "",
    "   \t\n ",
    "Don't stop!!! It's STATE-of-the-art.",
    "Pi is 3.14, not 1,000 or 2.0.1.",
    "-5 and .5",
    "l\u2019amour 90's students' rock'n'roll",
    "@John_Doe loves #TBT, mail a@b.com",
    "C# and C++ # @",
    "gr8!!1 :-)",
    "<br /><br />The end...",
    "\u00dcn\u00efc\u00f6d\u00e9 CAF\u00c9 stra\u00dfe na\u00efve fa\u00e7ade \u00c0 LA CR\u00c8ME",
    "soft\u00adhyphen and non\u00a0breaking space",
    "\u00bd cup, x\u00b2, \u00bcth and the \u00aa option",
    "I love this movie so much, it is the best movie ever!",
    "I hate this movie so much, it is the worst movie ever!",
    "buy buy buy buy buy buy buy buy buy buy now",
    "Absolutely fantastic product; would definitely recommend to friends & family :)",
    "snake_case_identifier and x_1 y__2",
    "Mixed CASE Words With Numbers 2024 and 10,000.50 dollars",
    "quote \"double\" and 'single' (parens) [brackets] {braces}",
]

DIMENSIONS = [512, 7, 64]


def sparse(v):
    return {str(i): float(x) for i, x in enumerate(v) if x != 0.0}


def main():
    cases = []
    for d in DIMENSIONS:
        texts = TEXTS if d == 512 else TEXTS[:10]
        cases.append({
            "dimension": d,
            "identity": identity(d),
            "texts": texts,
            "tokens": [tokenize(t) for t in texts],
            "vectors": [sparse(embed(t, d)) for t in texts],
        })
    out = {
        "generator": "References/golden_hashing_embedder.py (Python 3.11, numpy %s)" % np.__version__,
        "tolerance": 1e-6,
        "cases": cases,
    }
    path = pathlib.Path(__file__).resolve().parent.parent / "Fixtures/golden/hashing_embedder.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({sum(len(c['texts']) for c in cases)} vectors)")


if __name__ == "__main__":
    main()
