#!/usr/bin/env python3
"""Reference vectors for Assay's static embedder (Model2Vec layout) and its distillation post-processing.

Purpose
-------
Two independent references for ``TextEncoders.StaticEncoder`` / ``StaticDistillation``; nothing here uses
Assay's code.

1. Inference.  A small static model is built and saved with Model2Vec's own API
   (``model2vec.StaticModel(vectors, tokenizer, normalize=True).save_pretrained``): a BERT WordPiece tokenizer
   made with Hugging Face ``tokenizers`` (BertNormalizer with lower-casing, BertPreTokenizer, WordPiece with
   ``##`` continuations) over 60 hand-picked tokens, and seeded random float32 vectors (numpy
   ``default_rng(7)``, dimension 8).  It is written to ``Fixtures/static-model/`` and loaded back, then
   ``StaticModel.encode`` gives the reference vector of each test sentence (special tokens in the text,
   unknown words, accents, upper case, punctuation, empty and unknown-only texts).
2. Post-processing.  A seeded 300 x 12 float32 matrix (``default_rng(11)``) stands for the token vectors;
   the reference applies scikit-learn ``PCA(n_components=5, svd_solver="full").fit_transform`` (centred, not
   whitened; scikit-learn >= 1.5 makes each component's largest-magnitude entry positive) and then Model2Vec's
   SIF weights, written here from their definition: ``p_i = (1/(i+2)) / sum_j 1/(j+2)``,
   ``w_i = a / (a + p_i)``, ``a = 1e-4``; the product is rounded to float32.

Outputs
-------
  Fixtures/static-model/                 the model2vec-written model (config.json, model.safetensors,
                                         tokenizer.json, and whatever else save_pretrained writes)
  Fixtures/golden/static_model2vec.json  {"reference": versions, "sentences": [...], "vectors": [[...]],
                                          "pca": {"input": [[...]], "dimensions": 5, "sif_coefficient": 1e-4,
                                                  "output": [[...]], "explained_variance_ratio": r}}

Usage
-----
  pip install model2vec==0.10.0 scikit-learn==1.9.1 numpy==2.4.6
  python3 References/golden_static.py
"""
import json
import os
import shutil

import model2vec
import numpy as np
import sklearn
import tokenizers
from model2vec import StaticModel
from sklearn.decomposition import PCA
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "Fixtures", "static-model")
OUT = os.path.join(ROOT, "Fixtures", "golden", "static_model2vec.json")

VOCAB = [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
    "the", "a", "cat", "dog", "sat", "on", "mat", "good", "bad", "movie", "film", "great", "terrible",
    "news", "market", "stock", "stocks", "rose", "fell", "play", "##ing", "##ed", "##s", "un", "##believ",
    "##able", "cafe", "resume", "naive", "!", "?", ".", ",", "'", "i", "love", "hate", "it", "this", "is",
    "was", "not", "very", "team", "won", "game", "world", "science", "tech", "new", "phone", "price",
    "##ly", "quick", "run",
]
SENTENCES = [
    "The cat sat on the mat.",
    "the dog sat on the mat",
    "THE DOG SAT ON THE MAT!",
    "I love this movie, it was great!",
    "I hate this film. It was terrible...",
    "Stocks rose; the market fell?",
    "Unbelievable: the team won the game!",
    "playing played plays",
    "quickly running",
    "café résumé naïve",
    "[CLS] the cat [SEP]",
    "a [MASK] dog",
    "zebra xylophone",
    "zebra cat",
    "",
    "   ",
    "new phone price news",
    "science tech world",
    "it is not very good",
    "bad bad bad bad bad good",
]


def build_model():
    vocab = {token: i for i, token in enumerate(VOCAB)}
    tokenizer = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]", continuing_subword_prefix="##"))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece(prefix="##")
    tokenizer.add_special_tokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    vectors = np.random.default_rng(7).standard_normal((len(VOCAB), 8)).astype(np.float32)
    if os.path.exists(MODEL):
        shutil.rmtree(MODEL)
    StaticModel(vectors=vectors, tokenizer=tokenizer, normalize=True).save_pretrained(MODEL)
    return StaticModel.from_pretrained(MODEL)


def post_processing():
    rng = np.random.default_rng(11)
    # Decreasing scales per column, so the principal axes are well separated.
    x = (rng.standard_normal((300, 12)) * np.linspace(3.0, 0.5, 12)).astype(np.float32)
    pca = PCA(n_components=5, svd_solver="full")
    projected = pca.fit_transform(x)
    ranks = np.arange(2, x.shape[0] + 2, dtype=np.float64)
    p = (1 / ranks) / np.sum(1 / ranks)
    weights = 1e-4 / (1e-4 + p)
    out = (projected.astype(np.float64) * weights[:, None]).astype(np.float32)
    return {
        "input": x.tolist(),
        "dimensions": 5,
        "sif_coefficient": 1e-4,
        "output": out.tolist(),
        "explained_variance_ratio": float(np.sum(pca.explained_variance_ratio_)),
    }


def main():
    model = build_model()
    vectors = model.encode(SENTENCES)
    result = {
        "reference": {
            "model2vec": model2vec.__version__,
            "tokenizers": tokenizers.__version__,
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
        "sentences": SENTENCES,
        "vectors": [[round(float(v), 7) for v in row] for row in vectors],
        "pca": post_processing(),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {OUT} and {MODEL}")


if __name__ == "__main__":
    main()
